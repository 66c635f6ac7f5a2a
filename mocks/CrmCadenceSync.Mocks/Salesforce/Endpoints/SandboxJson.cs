using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary>Converts stored values to and from Salesforce's JSON forms (dateTime as <c>2026-01-05T09:00:00.000+0000</c>).</summary>
internal static class SandboxJson
{
    private static readonly HashSet<string> DateFields = new(StringComparer.OrdinalIgnoreCase) { "ActivityDate", "ConvertedDate" };

    private static readonly HashSet<string> DateTimeFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "SystemModstamp", "LastModifiedDate", "EmailBouncedDate", "CCS_Next_Touch__c",
    };

    public static string DateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static JsonObject Record(SandboxRecord record, IEnumerable<string> fields, string apiVersion)
    {
        var json = new JsonObject
        {
            ["attributes"] = new JsonObject
            {
                ["type"] = record.SObjectType,
                ["url"] = $"/services/data/{apiVersion}/sobjects/{record.SObjectType}/{record.Id}",
            },
        };
        foreach (var field in fields)
        {
            json[CanonicalName(record, field)] = ToJson(record[field]);
        }

        return json;
    }

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        decimal d => JsonValue.Create(d),
        DateTimeOffset t => JsonValue.Create(DateTime(t)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Reads a written value into the stored type; throws <see cref="FormatException"/> naming the field on a bad value.</summary>
    public static object? FromJson(string field, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var element = node.GetValueKind();
        return element switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => node.GetValue<decimal>(),
            JsonValueKind.String when DateFields.Contains(field) =>
                DateOnly.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new FormatException($"{field}: value not of required type: {node.GetValue<string>()}"),
            JsonValueKind.String when DateTimeFields.Contains(field) =>
                DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? at.ToUniversalTime()
                    : throw new FormatException($"{field}: value not of required type: {node.GetValue<string>()}"),
            JsonValueKind.String => node.GetValue<string>(),
            _ => throw new FormatException($"{field}: value not of required type: {node.ToJsonString()}"),
        };
    }

    private static string CanonicalName(SandboxRecord record, string field) =>
        record.Fields.Keys.FirstOrDefault(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase)) ?? field;
}
