using System.Text.Json.Serialization;

namespace CrmCadenceSync.Salesforce.Api;

/// <summary>The token endpoint's error body, for example <c>{"error":"invalid_grant","error_description":"expired access/refresh token"}</c>.</summary>
public sealed record SalesforceOAuthError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
