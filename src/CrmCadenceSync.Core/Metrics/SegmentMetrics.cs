namespace CrmCadenceSync.Core.Metrics;

/// <summary>The same figures rolled up over every enrollment made for a segment, whatever its cadence.</summary>
public sealed record SegmentMetrics(string Segment, OutcomeFigures Figures);
