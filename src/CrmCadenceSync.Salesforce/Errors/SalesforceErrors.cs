using System.Text.Json;
using CrmCadenceSync.Salesforce.Api;

namespace CrmCadenceSync.Salesforce.Errors;

/// <summary>Reads Salesforce's error array <c>[{message, errorCode, fields}]</c> from a response body.</summary>
internal static class SalesforceErrors
{
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";

    public const string InvalidSessionId = "INVALID_SESSION_ID";

    public const string InvalidFieldForInsertUpdate = "INVALID_FIELD_FOR_INSERT_UPDATE";

    /// <summary>The org has no such object (or the user cannot see it): EmailMessage without Enhanced Email, for one.</summary>
    public const string InvalidType = "INVALID_TYPE";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<SalesforceError> Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Array => document.RootElement.Deserialize<List<SalesforceError>>(Options) ?? [],
                JsonValueKind.Object => [document.RootElement.Deserialize<SalesforceError>(Options)!],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [new SalesforceError(body, "UNPARSEABLE_ERROR", null, null)];
        }
    }

    public static bool Contains(IReadOnlyList<SalesforceError> errors, string code) =>
        errors.Any(e => string.Equals(e.Code, code, StringComparison.Ordinal));

    public static string FirstCode(IReadOnlyList<SalesforceError> errors, string fallback) =>
        errors.Count > 0 ? errors[0].Code : fallback;

    public static string Describe(IReadOnlyList<SalesforceError> errors) =>
        errors.Count == 0 ? "no error details" : string.Join("; ", errors);
}
