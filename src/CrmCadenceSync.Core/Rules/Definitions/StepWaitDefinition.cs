namespace CrmCadenceSync.Core.Rules.Definitions;

/// <summary>
/// Times a step from an engagement instead of the calendar: "2 business days after the email is opened".
/// Without the engagement within <see cref="WaitUpToBusinessDays"/> of the previous step, the step is skipped.
/// </summary>
public sealed class StepWaitDefinition
{
    public EngagementSignal Signal { get; set; } = EngagementSignal.LastEmailOpened;

    public int BusinessDays { get; set; }

    public int WaitUpToBusinessDays { get; set; } = 5;
}
