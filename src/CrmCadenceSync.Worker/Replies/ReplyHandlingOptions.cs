namespace CrmCadenceSync.Worker.Replies;

/// <summary>How replies by kind are handled (<c>Compliance</c> section; other compliance settings share it).</summary>
public sealed class ReplyHandlingOptions
{
    public const string SectionName = "Compliance";

    public const int MaxOutOfOfficePauseDays = 90;

    /// <summary>How many days an auto-reply that names no return day pauses the cadence.</summary>
    public int OutOfOfficePauseDays { get; set; } = 7;
}
