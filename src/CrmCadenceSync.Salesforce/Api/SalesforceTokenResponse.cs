using System.Text.Json.Serialization;

namespace CrmCadenceSync.Salesforce.Api;

public sealed record SalesforceTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("instance_url")] string InstanceUrl,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("token_type")] string? TokenType);
