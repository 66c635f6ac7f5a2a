namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record AssociatedObject(long ToObjectId);
