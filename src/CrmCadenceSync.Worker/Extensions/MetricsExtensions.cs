using CrmCadenceSync.Worker.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CrmCadenceSync.Worker.Extensions;

public static class MetricsExtensions
{
    /// <summary>The cadence metrics behind <c>GET /api/metrics</c>, computed on demand.</summary>
    public static IHostApplicationBuilder AddCadenceMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MetricsQuery>();
        return builder;
    }

    /// <summary>
    /// The same figures with the worker's health as the <c>CrmCadenceSync</c> meter, re-read every
    /// <see cref="MetricsOptions.RefreshInterval"/> and exported by OpenTelemetry's Prometheus exporter
    /// (<see cref="MapMetrics"/>). Only the service has them: <c>--once</c> has no port to scrape, and a refresh every
    /// few seconds over a large store would only cost it memory and time.
    /// </summary>
    public static IHostApplicationBuilder AddOperatorMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        builder.Services.AddScoped<OperatorSnapshotReader>();
        builder.Services.AddSingleton<CadenceMeter>();
        builder.Services.AddHostedService<OperatorMetricsRefresh>();
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("CrmCadenceSync")).WithMetrics(metrics => metrics.AddMeter(CadenceMeter.MeterName).AddPrometheusExporter());
        return builder;
    }

    /// <summary><c>GET /api/metrics?period=7d|30d|90d|all</c> (JSON for the admin page) and <c>GET /metrics</c> (Prometheus text for operators).</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The meter's instruments exist once it is built; the exporter collects from them on each scrape.
        app.ServiceProvider.GetRequiredService<CadenceMeter>();
        app.MapGet("/api/metrics", async (string? period, MetricsQuery query, CancellationToken cancellationToken) =>
        {
            if (!MetricsPeriod.TryParse(period, out var chosen))
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["period"] = [$"period must be one of {MetricsPeriod.Choices}; '{period}' is not."] },
                    detail: $"Unknown period '{period}'.");
            }

            return Results.Ok(MetricsResponse.From(chosen, await query.ComputeAsync(chosen, cancellationToken)));
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
