using System.Text.Json.Serialization;

namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>RFC 6749 error body, for example <c>invalid_grant</c>.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
