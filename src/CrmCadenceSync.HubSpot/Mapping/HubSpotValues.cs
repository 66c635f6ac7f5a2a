using System.Globalization;
using CrmCadenceSync.HubSpot.Api.Dtos;

namespace CrmCadenceSync.HubSpot.Mapping;

/// <summary>HubSpot sends every property value as a string: dates as ISO 8601 or epoch milliseconds, booleans as "true".</summary>
public static class HubSpotValues
{
    public static string? Text(HubSpotObject record, string property)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Properties.TryGetValue(property, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }

    public static decimal? Number(HubSpotObject record, string property) =>
        decimal.TryParse(Text(record, property), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool Flag(HubSpotObject record, string property) =>
        Text(record, property) is { } value && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";

    public static DateTimeOffset? Time(HubSpotObject record, string property) => ParseTime(Text(record, property));

    public static DateTimeOffset? ParseTime(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }
}
