namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record AssociationInput(AssociationTarget To, IReadOnlyList<AssociationTypeSpec> Types);
