namespace CrmCadenceSync.Core.Metrics;

public sealed record CadenceMetrics(string Cadence, string? Segment, OutcomeFigures Figures, IReadOnlyList<StepMetrics> Steps);
