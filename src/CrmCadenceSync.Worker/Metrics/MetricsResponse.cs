using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>The JSON of <c>GET /api/metrics</c>; the admin page reads it, so names may be added but never renamed.</summary>
/// <param name="Period">The <c>?period=</c> the figures cover: enrollments started in the last 7d, 30d, 90d, or all.</param>
public sealed record MetricsResponse(string Period, IReadOnlyList<CadenceFiguresJson> Cadences, IReadOnlyList<SegmentFiguresJson> Segments)
{
    public static MetricsResponse From(MetricsPeriod period, MetricsReport report)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(report);
        return new(period.Name, [.. report.Cadences.Select(c => CadenceFiguresJson.From(c))], [.. report.Segments.Select(s => SegmentFiguresJson.From(s))]);
    }
}
