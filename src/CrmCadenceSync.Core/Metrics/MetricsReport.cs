namespace CrmCadenceSync.Core.Metrics;

public sealed record MetricsReport(IReadOnlyList<CadenceMetrics> Cadences, IReadOnlyList<SegmentMetrics> Segments);
