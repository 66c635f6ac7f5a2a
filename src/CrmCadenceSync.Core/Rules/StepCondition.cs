namespace CrmCadenceSync.Core.Rules;

/// <summary>A step runs only when the signal's state equals <paramref name="Expected"/>.</summary>
public sealed record StepCondition(EngagementSignal Signal, bool Expected);
