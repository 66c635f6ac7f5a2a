namespace CrmCadenceSync.Core.Metrics;

/// <summary>How many times one step of a cadence was written to the CRM, per A/B variant (null: the step has none).</summary>
public sealed record StepTally(string CadenceId, string StepId, int StepNumber, string? Variant, int Written);
