namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record UpdateInput(string Id, IReadOnlyDictionary<string, string?> Properties, string ObjectWriteTraceId);
