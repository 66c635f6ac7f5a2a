namespace CrmCadenceSync.Core.Metrics;

/// <summary>
/// One step of a cadence as written to the CRM, per A/B variant (null: the step has none): how many writes and to how
/// many distinct contacts.
/// </summary>
public sealed record StepTally(string CadenceId, string StepId, int StepNumber, string? Variant, int Written, int Contacts);
