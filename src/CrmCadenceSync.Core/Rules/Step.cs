using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Rules;

public sealed class Step
{
    public required string Id { get; init; }

    /// <summary>1-based position in the cadence.</summary>
    public required int Number { get; init; }

    /// <summary>Business days after enrollment; null when the step is timed by <see cref="DelayAfterPrevious"/>.</summary>
    public int? DayOffset { get; init; }

    public TimeSpan? DelayAfterPrevious { get; init; }

    /// <summary>Set when the step is timed from an engagement rather than the calendar.</summary>
    public StepWait? AfterSignal { get; init; }

    public TimeOnly? TimeOfDay { get; init; }

    public required StepChannel Channel { get; init; }

    public required StepKind Kind { get; init; }

    public StepPriority Priority { get; init; } = StepPriority.Normal;

    /// <summary>The message versions, never empty; the first is for everyone (see <see cref="VariantAssignment"/>).</summary>
    public required IReadOnlyList<StepVariant> Variants { get; init; }

    /// <summary>The subject everyone gets when the step has no variants (the first variant's otherwise).</summary>
    public MessageTemplate? Subject => Variants[0].Subject;

    /// <summary>The body everyone gets when the step has no variants (the first variant's otherwise).</summary>
    public MessageTemplate Body => Variants[0].Body;

    /// <summary>Contacts in these roles skip the step.</summary>
    public IReadOnlySet<string> SkipForRoles { get; init; } = new HashSet<string>();

    public IReadOnlyList<StepCondition> Conditions { get; init; } = [];

    /// <summary>
    /// The merge fields whose absence holds the step (see <c>StepDefinition.RequiredFields</c>); null when the step did
    /// not declare them, and then every field its templates print without a fallback does.
    /// </summary>
    public IReadOnlyList<string>? RequiredFields { get; init; }

    /// <summary>Email steps are suppressed for opted-out and bounced contacts.</summary>
    public bool SendsEmail => Channel == StepChannel.Email || Kind is StepKind.ManualEmail or StepKind.AutoEmail;

    /// <summary>Call and SMS steps are suppressed for do-not-call contacts.</summary>
    public bool PhonesContact => Channel is StepChannel.Call or StepChannel.Sms;
}
