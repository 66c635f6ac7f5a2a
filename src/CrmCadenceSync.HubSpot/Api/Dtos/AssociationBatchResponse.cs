namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>One result per input that has associations; inputs with none are left out.</summary>
public sealed record AssociationBatchResponse(IReadOnlyList<AssociationResult> Results);
