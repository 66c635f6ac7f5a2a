namespace CrmCadenceSync.Core.Rules.Definitions;

public sealed class PolicyDefinition
{
    /// <summary>The word for "never again" in <see cref="Reenroll"/>.</summary>
    public const string Never = "Never";

    public const int DefaultMaxHeldDays = 7;

    public SegmentChangePolicy OnSegmentChange { get; set; } = SegmentChangePolicy.MoveUp;

    /// <summary>Days after an enrollment ends before the contact may be enrolled again, for exit reasons <see cref="Reenroll"/> does not list.</summary>
    public int ReenrollAfterDays { get; set; } = 90;

    public int RepDailyTaskCap { get; set; } = 60;

    /// <summary>What happens when a step is suppressed at write time (opt-out, bounce, do-not-call).</summary>
    public SuppressedStepPolicy OnSuppressedStep { get; set; } = SuppressedStepPolicy.Skip;

    /// <summary>Lifecycle stages in which a contact is left alone (for example an open opportunity).</summary>
    public List<string> PauseInLifecycleStages { get; set; } = [];

    /// <summary>Call outcomes (dispositions, case-insensitive) that end an enrollment when a rep logs them on one of its tasks.</summary>
    public List<string> ExitOnCallOutcomes { get; set; } = [];

    /// <summary>
    /// How overdue a step may be and still go out as planned (for example after a short outage); a step more overdue
    /// (the worker was stopped for weeks) goes out at the next opening instead. Unset: each step's own gap.
    /// </summary>
    public TimeSpan? LateStepWindow { get; set; }

    /// <summary>
    /// Per exit reason (<c>Replied</c>, <c>NoResponse</c>, ...): <c>Never</c>, or the whole days before the contact may
    /// re-enter the same cadence. A move into a higher segment is never held back by an enrollment in a lower one.
    /// </summary>
    public Dictionary<string, string> Reenroll { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Replied"] = Never,
        ["MeetingBooked"] = Never,
        ["OptedOut"] = Never,
        ["Bounced"] = Never,
        ["CallOutcome"] = Never,
        ["NoResponse"] = "90",
    };

    /// <summary>Days an enrollment may stay held (a missing merge field nobody fills) before it exits as HeldTooLong.</summary>
    public int MaxHeldDays { get; set; } = DefaultMaxHeldDays;
}
