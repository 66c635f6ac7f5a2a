namespace CrmCadenceSync.Core.Rules;

/// <summary>The step is due <paramref name="BusinessDays"/> after the signal; it is skipped if the signal does not come in time.</summary>
public sealed record StepWait(EngagementSignal Signal, int BusinessDays, int WaitUpToBusinessDays);
