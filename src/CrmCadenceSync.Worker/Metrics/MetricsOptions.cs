using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Worker.Metrics;

public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>How often the OpenTelemetry gauges' figures are re-read from storage.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Metrics:RefreshInterval must be between 1 second and 1 hour.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}
