namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>HubSpot's error body; every field is optional, as HubSpot advises.</summary>
/// <param name="PolicyName">On 429: <c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c> or <c>DAILY</c>.</param>
public sealed record HubSpotError(
    string? Status = null,
    string? Message = null,
    string? Category = null,
    string? CorrelationId = null,
    string? ErrorType = null,
    string? PolicyName = null,
    IReadOnlyList<HubSpotErrorDetail>? Errors = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context = null);
