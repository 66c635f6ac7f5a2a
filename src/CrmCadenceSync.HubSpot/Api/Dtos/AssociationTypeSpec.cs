namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record AssociationTypeSpec(string AssociationCategory, int AssociationTypeId);
