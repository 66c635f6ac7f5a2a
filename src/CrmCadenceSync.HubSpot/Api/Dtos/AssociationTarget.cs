namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record AssociationTarget(string Id);
