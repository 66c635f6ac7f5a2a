namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record AssociationResult(ObjectIdInput From, IReadOnlyList<AssociatedObject> To);
