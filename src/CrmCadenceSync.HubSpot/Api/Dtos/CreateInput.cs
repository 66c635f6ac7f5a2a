namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <param name="ObjectWriteTraceId">Echoed in per-input errors so a failure can be tied to its input.</param>
public sealed record CreateInput(
    IReadOnlyDictionary<string, string?> Properties,
    IReadOnlyList<AssociationInput> Associations,
    string ObjectWriteTraceId);
