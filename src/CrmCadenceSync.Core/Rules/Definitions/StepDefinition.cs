namespace CrmCadenceSync.Core.Rules.Definitions;

public sealed class StepDefinition
{
    /// <summary>Stable id within the cadence; part of every write's idempotency key.</summary>
    public string Id { get; set; } = "";

    /// <summary>Business days after enrollment (0 is the enrollment day).</summary>
    public int? DayOffset { get; set; }

    /// <summary>Alternative to <see cref="DayOffset"/>: time after the previous step, moved into business hours.</summary>
    public TimeSpan? DelayAfterPrevious { get; set; }

    /// <summary>A third way to time a step: after an engagement, such as an opened email.</summary>
    public StepWaitDefinition? AfterSignal { get; set; }

    /// <summary>Local time of day the touch is due; by default the time of day the contact was enrolled.</summary>
    public TimeOnly? TimeOfDay { get; set; }

    public StepChannel Channel { get; set; } = StepChannel.Task;

    public StepKind Kind { get; set; } = StepKind.Task;

    public StepPriority Priority { get; set; } = StepPriority.Normal;

    public string? Subject { get; set; }

    public string? Body { get; set; }

    /// <summary>Versions of the message; when set, each contact gets one, always the same (subject and body above are then unused).</summary>
    public List<StepVariantDefinition> Variants { get; set; } = [];

    /// <summary>Contacts in these roles skip the step (for example Finance and Legal skip LinkedIn).</summary>
    public List<string> SkipForRoles { get; set; } = [];

    /// <summary>
    /// The merge fields the step cannot do without, such as <c>contact.quiz_timeline</c>: only these hold the step
    /// when absent, and every other field the templates print renders as its fallback or empty. Unset, every field
    /// printed without a fallback holds the step (rule sets written before this setting keep their behaviour).
    /// </summary>
    public List<string>? RequiredFields { get; set; }

    /// <summary>All must hold when the step comes due; otherwise the step is skipped and the cadence goes on.</summary>
    public List<StepConditionDefinition> Conditions { get; set; } = [];
}
