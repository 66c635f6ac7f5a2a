namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <param name="Context">For batch writes, <c>objectWriteTraceId</c> (or <c>ids</c>) names the failed inputs.</param>
public sealed record HubSpotErrorDetail(
    string? Status,
    string? Category,
    string? Message,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context = null);
