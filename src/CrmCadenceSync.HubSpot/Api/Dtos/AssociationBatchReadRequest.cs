namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record AssociationBatchReadRequest(IReadOnlyList<ObjectIdInput> Inputs);
