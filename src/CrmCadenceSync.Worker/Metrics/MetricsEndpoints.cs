namespace CrmCadenceSync.Worker.Metrics;

/// <summary><c>GET /api/metrics</c>: per cadence (with its steps and variants) and per segment. Reads only.</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics", async (MetricsQuery query, CancellationToken cancellationToken) =>
            Results.Ok(MetricsResponse.From(await query.ComputeAsync(cancellationToken))));
        return app;
    }
}
