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

    public TimeOnly? TimeOfDay { get; init; }

    public required StepChannel Channel { get; init; }

    public required StepKind Kind { get; init; }

    public StepPriority Priority { get; init; } = StepPriority.Normal;

    public MessageTemplate? Subject { get; init; }

    public required MessageTemplate Body { get; init; }

    public IReadOnlyList<StepCondition> Conditions { get; init; } = [];

    /// <summary>Email steps are suppressed for opted-out and bounced contacts.</summary>
    public bool SendsEmail => Channel == StepChannel.Email || Kind is StepKind.ManualEmail or StepKind.AutoEmail;

    /// <summary>Call and SMS steps are suppressed for do-not-call contacts.</summary>
    public bool PhonesContact => Channel is StepChannel.Call or StepChannel.Sms;
}
