namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>A batch answer; with 207 Multi-Status, <see cref="Errors"/> names the inputs that failed.</summary>
public sealed record BatchResponse(
    string? Status,
    IReadOnlyList<HubSpotObject> Results,
    IReadOnlyList<HubSpotErrorDetail>? Errors = null,
    int NumErrors = 0);
