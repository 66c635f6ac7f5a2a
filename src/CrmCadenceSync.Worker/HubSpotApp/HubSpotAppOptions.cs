namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary><c>HubSpotApp</c>: the app card and workflow actions' back end.</summary>
public sealed class HubSpotAppOptions
{
    public const string SectionName = "HubSpotApp";

    /// <summary>How often blocked callbacks are checked and pending completions sent.</summary>
    public TimeSpan CompletionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Completion attempts before a callback is dead-lettered (HubSpot keeps an execution blocked for days, not forever).</summary>
    public int MaxCompletionAttempts { get; set; } = 10;

    /// <summary>Delay before the first retry of a failed completion; doubled each time, at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long HubSpot keeps an Enroll in cadence execution blocked (<c>hs_expiration_duration</c>); longer than the longest cadence.</summary>
    public TimeSpan BlockFor { get; set; } = TimeSpan.FromDays(60);
}
