using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>The JSON of <c>GET /api/metrics</c>; the admin page reads it, so names may be added but never renamed.</summary>
public sealed record MetricsResponse(IReadOnlyList<CadenceFiguresJson> Cadences, IReadOnlyList<SegmentFiguresJson> Segments)
{
    public static MetricsResponse From(MetricsReport report) => new(
        [.. report.Cadences.Select(c => CadenceFiguresJson.From(c))],
        [.. report.Segments.Select(s => SegmentFiguresJson.From(s))]);
}
