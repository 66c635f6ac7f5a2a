namespace CrmCadenceSync.Salesforce.Api;

/// <summary>
/// Salesforce's error object: <c>errorCode</c> in REST error arrays, <c>statusCode</c> inside collection results.
/// </summary>
public sealed record SalesforceError(string? Message, string? ErrorCode, string? StatusCode, IReadOnlyList<string>? Fields)
{
    public string Code => ErrorCode ?? StatusCode ?? "UNKNOWN_ERROR";

    public override string ToString() =>
        Fields is { Count: > 0 } ? $"{Code}: {Message} (fields: {string.Join(", ", Fields)})" : $"{Code}: {Message}";
}
