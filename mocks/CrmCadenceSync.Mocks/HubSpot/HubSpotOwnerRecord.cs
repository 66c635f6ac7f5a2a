namespace CrmCadenceSync.Mocks.HubSpot;

public sealed record HubSpotOwnerRecord(long Id, string Email, string FirstName, string LastName, long UserId);
