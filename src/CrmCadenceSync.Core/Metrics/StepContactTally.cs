namespace CrmCadenceSync.Core.Metrics;

/// <summary>How many distinct contacts one step of a cadence was written to, whatever the variant.</summary>
public sealed record StepContactTally(string CadenceId, string StepId, int Contacts);
