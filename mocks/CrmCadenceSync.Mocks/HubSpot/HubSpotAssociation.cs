namespace CrmCadenceSync.Mocks.HubSpot;

public sealed record HubSpotAssociation(long ToContactId, string Category, int TypeId);
