using System.Globalization;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>HubSpot's limits as the sandbox enforces them: a rolling 10-second window, a daily count, 5 searches per second.</summary>
internal sealed class SandboxRateLimiter(HubSpotSandboxOptions options)
{
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> recent = new();
    private readonly Queue<DateTimeOffset> recentSearches = new();
    private DateOnly day;
    private int usedToday;

    public int Rejected { get; private set; }

    /// <summary>Null when the call may proceed (and is counted); otherwise the 429 to send.</summary>
    public WireMock.ResponseMessage? Admit(bool search, out IReadOnlyDictionary<string, string> headers)
    {
        lock (gate)
        {
            var now = options.Time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != day)
            {
                day = today;
                usedToday = 0;
            }

            if (search)
            {
                headers = new Dictionary<string, string>();
                Prune(recentSearches, now, TimeSpan.FromSeconds(1));
                if (recentSearches.Count >= options.SearchRequestsPerSecond)
                {
                    return Reject("You have reached your secondly limit.", "SECONDLY", headers);
                }

                recentSearches.Enqueue(now);
                return null;
            }

            Prune(recent, now, TimeSpan.FromSeconds(10));
            if (options.DailyLimit is { } daily && usedToday >= daily)
            {
                headers = Headers(0);
                return Reject("You have reached your daily limit.", "DAILY", headers);
            }

            if (options.RequestsPer10Seconds is { } max && recent.Count >= max)
            {
                headers = Headers(0);
                return Reject("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING", headers);
            }

            recent.Enqueue(now);
            usedToday++;
            headers = Headers(options.RequestsPer10Seconds is { } m ? m - recent.Count : null);
            return null;
        }
    }

    private Dictionary<string, string> Headers(int? remaining)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.RequestsPer10Seconds is { } max)
        {
            headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
            headers["X-HubSpot-RateLimit-Max"] = max.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Remaining"] = (remaining ?? 0).ToString(CultureInfo.InvariantCulture);
        }

        if (options.DailyLimit is { } daily)
        {
            headers["X-HubSpot-RateLimit-Daily"] = daily.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Daily-Remaining"] = Math.Max(0, daily - usedToday).ToString(CultureInfo.InvariantCulture);
        }

        return headers;
    }

    private WireMock.ResponseMessage Reject(string message, string policy, IReadOnlyDictionary<string, string> headers)
    {
        Rejected++;
        return SandboxJson.Json(
            429,
            new
            {
                status = "error",
                message,
                errorType = "RATE_LIMIT",
                correlationId = Guid.NewGuid().ToString(),
                policyName = policy,
                requestId = Guid.NewGuid().ToString(),
            },
            headers);
    }

    /// <summary>A call counts while it is less than a window old: the window is (now - window, now].</summary>
    private static void Prune(Queue<DateTimeOffset> queue, DateTimeOffset now, TimeSpan window)
    {
        while (queue.TryPeek(out var at) && now - at >= window)
        {
            queue.Dequeue();
        }
    }
}
