using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>What the operators' gauges report, read from storage in one go so the exporter's callbacks never query.</summary>
/// <param name="SyncLagSeconds">Per connection: seconds since its last successful poll (null before the first).</param>
/// <param name="OutboxDepth">Per connection: writes waiting to be sent.</param>
/// <param name="ConnectionStates">Per connection: its state as <c>/health</c> shows it (Ok, Degraded, Unavailable, Parked, NeedsReauthorisation).</param>
public sealed record OperatorSnapshot(
    MetricsReport Report,
    IReadOnlyDictionary<string, double?> SyncLagSeconds,
    long InboxDepth,
    IReadOnlyDictionary<string, long> OutboxDepth,
    IReadOnlyDictionary<string, string> ConnectionStates)
{
    public static readonly OperatorSnapshot Empty = new(
        new MetricsReport([], []), new Dictionary<string, double?>(), 0, new Dictionary<string, long>(), new Dictionary<string, string>());
}
