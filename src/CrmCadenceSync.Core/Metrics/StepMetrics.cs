namespace CrmCadenceSync.Core.Metrics;

/// <param name="Replies">Replies credited to this step: the last step written before the reply.</param>
/// <param name="Meetings">Booked meetings credited the same way.</param>
public sealed record StepMetrics(string StepId, int StepNumber, int Written, int Replies, int Meetings, IReadOnlyList<VariantMetrics> Variants);
