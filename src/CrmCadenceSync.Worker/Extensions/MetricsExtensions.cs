using CrmCadenceSync.Worker.Metrics;

namespace CrmCadenceSync.Worker.Extensions;

public static class MetricsExtensions
{
    /// <summary>The cadence metrics behind <c>GET /api/metrics</c>.</summary>
    public static IHostApplicationBuilder AddCadenceMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MetricsQuery>();
        return builder;
    }
}
