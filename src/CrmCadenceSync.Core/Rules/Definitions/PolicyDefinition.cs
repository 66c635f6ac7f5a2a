namespace CrmCadenceSync.Core.Rules.Definitions;

public sealed class PolicyDefinition
{
    public SegmentChangePolicy OnSegmentChange { get; set; } = SegmentChangePolicy.MoveUp;

    /// <summary>Days after an enrollment ends before the contact may be enrolled again.</summary>
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
}
