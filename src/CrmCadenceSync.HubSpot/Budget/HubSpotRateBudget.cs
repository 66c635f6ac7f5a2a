using System.Globalization;
using System.Net.Http.Headers;

namespace CrmCadenceSync.HubSpot.Budget;

/// <summary>
/// One connection's budget: calls per 10 seconds, searches per second, and the daily limit as HubSpot reports it
/// (or as configured when HubSpot sends no daily headers, as for OAuth apps).
/// </summary>
public sealed class HubSpotRateBudget(
    int requestsPer10Seconds,
    int searchesPerSecond,
    int dailyLimit,
    TimeZoneInfo portalZone,
    HubSpotConnectionMonitor monitor,
    TimeProvider time)
{
    private readonly Lock gate = new();
    private DateOnly day;
    private int usedToday;
    private int? reportedRemaining;
    private long rateLimited;

    public RollingWindowLimiter Requests { get; } = new(requestsPer10Seconds, TimeSpan.FromSeconds(10), time);

    public RollingWindowLimiter Searches { get; } = new(searchesPerSecond, TimeSpan.FromSeconds(1), time);

    public HubSpotConnectionMonitor Monitor { get; } = monitor;

    /// <summary>
    /// Calls counted today (the portal's day) and what is left: HubSpot's last daily header, else the configured
    /// limit less the count; null when neither is known. For the admin's connection view.
    /// </summary>
    public (int Used, int? Left) Today
    {
        get
        {
            lock (gate)
            {
                var current = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), portalZone).Date) == day;
                var used = current ? usedToday : 0;
                var left = current && reportedRemaining is { } reported ? reported : dailyLimit > 0 ? dailyLimit - used : (int?)null;
                return (used, left);
            }
        }
    }

    /// <summary>How many answers were 429 since start, for the operators' metrics.</summary>
    public long RateLimitedResponses => Interlocked.Read(ref rateLimited);

    public void CountRateLimited() => Interlocked.Increment(ref rateLimited);

    /// <summary>The next midnight in the portal's zone, when HubSpot resets the daily limit.</summary>
    public DateTimeOffset NextDailyReset()
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), portalZone);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, portalZone.GetUtcOffset(midnight));
    }

    /// <summary>Counts a call and reads HubSpot's daily headers; parks the connection once nothing is left for today.</summary>
    public void Record(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        int? remaining = ReadInt(headers, HubSpotRateLimitHeaders.DailyRemaining);
        lock (gate)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), portalZone).Date);
            if (today != day)
            {
                day = today;
                usedToday = 0;
                reportedRemaining = null;
            }

            usedToday++;
            reportedRemaining = remaining;
            if (dailyLimit > 0 && remaining is null)
            {
                remaining = dailyLimit - usedToday;
            }
        }

        if (remaining <= 0)
        {
            Monitor.Park(NextDailyReset(), "the daily API limit is spent");
        }
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
