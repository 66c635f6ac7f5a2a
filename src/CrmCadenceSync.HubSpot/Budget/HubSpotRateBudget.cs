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
    private int? dailyRemaining;
    private long rateLimited;

    public RollingWindowLimiter Requests { get; } = new(requestsPer10Seconds, TimeSpan.FromSeconds(10), time);

    public RollingWindowLimiter Searches { get; } = new(searchesPerSecond, TimeSpan.FromSeconds(1), time);

    public HubSpotConnectionMonitor Monitor { get; } = monitor;

    /// <summary>Calls left today, as HubSpot last reported it (or as counted against the configured limit); null when unknown.</summary>
    public int? DailyRemaining
    {
        get
        {
            lock (gate)
            {
                return dailyRemaining;
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
            }

            usedToday++;
            if (dailyLimit > 0 && remaining is null)
            {
                remaining = dailyLimit - usedToday;
            }

            dailyRemaining = remaining;
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
