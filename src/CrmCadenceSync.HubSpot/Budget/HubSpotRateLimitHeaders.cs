namespace CrmCadenceSync.HubSpot.Budget;

public static class HubSpotRateLimitHeaders
{
    public const string DailyRemaining = "X-HubSpot-RateLimit-Daily-Remaining";
    public const string IntervalMilliseconds = "X-HubSpot-RateLimit-Interval-Milliseconds";

    public const string DailyPolicy = "DAILY";
}
