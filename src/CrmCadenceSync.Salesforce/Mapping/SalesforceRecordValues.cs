using System.Globalization;
using System.Text.Json;
using CrmCadenceSync.Salesforce.Api;

namespace CrmCadenceSync.Salesforce.Mapping;

/// <summary>Typed reads of a record's fields; a field the record lacks or holds as null reads as null.</summary>
internal static class SalesforceRecordValues
{
    public static string? GetString(this SalesforceRecord record, string? field) =>
        field is not null && record.Fields.TryGetValue(field, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            }
            : null;

    public static bool GetBoolean(this SalesforceRecord record, string field) =>
        record.Fields.TryGetValue(field, out var value) && value.ValueKind == JsonValueKind.True;

    public static decimal? GetDecimal(this SalesforceRecord record, string field) =>
        record.Fields.TryGetValue(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    public static DateTimeOffset? GetDateTime(this SalesforceRecord record, string field) =>
        ParseDateTime(record.GetString(field));

    public static string TypeName(this SalesforceRecord record) => record.Attributes?.Type ?? "";

    /// <summary>Salesforce writes offsets without a colon (<c>2024-05-01T12:00:00.000+0000</c>); dates alone are read as UTC midnight.</summary>
    public static DateTimeOffset? ParseDateTime(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var normalised = text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsDigit(text[^1])
            ? string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2))
            : text;
        return DateTimeOffset.Parse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>The SOQL dateTime literal form (unquoted, UTC, whole seconds).</summary>
    public static string ToSoqlDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
