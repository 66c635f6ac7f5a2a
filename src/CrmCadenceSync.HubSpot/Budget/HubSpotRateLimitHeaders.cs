namespace CrmCadenceSync.HubSpot.Budget;

public static class HubSpotRateLimitHeaders
{
    public const string Daily = "X-HubSpot-RateLimit-Daily";
    public const string DailyRemaining = "X-HubSpot-RateLimit-Daily-Remaining";
    public const string IntervalMilliseconds = "X-HubSpot-RateLimit-Interval-Milliseconds";
    public const string Max = "X-HubSpot-RateLimit-Max";
    public const string Remaining = "X-HubSpot-RateLimit-Remaining";

    public const string DailyPolicy = "DAILY";
    public const string TenSecondlyPolicy = "TEN_SECONDLY_ROLLING";
}
