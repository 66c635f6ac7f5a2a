using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CrmCadenceSync.Core.Scheduling;

/// <summary>
/// Resolves IANA ids, including HubSpot's <c>america_slash_new_york</c> form, to <see cref="TimeZoneInfo"/>.
/// Results are memoised: scheduling a million contacts must not look zones up a million times.
/// </summary>
public static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Resolved = new(StringComparer.Ordinal);

    private static readonly Lazy<Dictionary<string, string>> SystemIdsIgnoringCase = new(() =>
        TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.Id)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase));

    public static bool TryResolve(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            zone = null;
            return false;
        }

        zone = Resolved.GetOrAdd(id, static raw => Find(raw));
        return zone is not null;
    }

    /// <summary>Turns HubSpot's <c>america_slash_new_york</c> into <c>america/new_york</c>; other ids pass through trimmed.</summary>
    public static string Normalize(string id) =>
        id.Trim().Replace("_slash_", "/", StringComparison.OrdinalIgnoreCase);

    private static TimeZoneInfo? Find(string raw)
    {
        var id = Normalize(raw);
        if (TryFind(id, out var exact))
        {
            return exact;
        }

        return SystemIdsIgnoringCase.Value.TryGetValue(id, out var canonical) && TryFind(canonical, out var zone)
            ? zone
            : null;
    }

    private static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = null;
            return false;
        }
    }
}
