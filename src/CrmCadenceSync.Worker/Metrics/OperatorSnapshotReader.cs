using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>Reads a fresh <see cref="OperatorSnapshot"/> and hands it to the meter.</summary>
public sealed class OperatorSnapshotReader(CadenceDbContext db, MetricsQuery metrics, CadenceMeter meter, TimeProvider time)
{
    public async Task<OperatorSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var report = await metrics.ComputeAsync(cancellationToken);
        var rows = await db.Connections.AsNoTracking().Select(c => new { c.Name, c.LastSuccessfulSyncAt, c.State }).ToListAsync(cancellationToken);
        var lag = rows.ToDictionary(c => c.Name, c => c.LastSuccessfulSyncAt is { } at ? (double?)(now - at).TotalSeconds : null, StringComparer.Ordinal);
        var states = rows.ToDictionary(c => c.Name, c => c.State, StringComparer.Ordinal);
        var inbox = await db.InboxEvents.LongCountAsync(e => e.ProcessedAt == null, cancellationToken);
        var outbox = await db.Outbox.Where(o => o.State == OutboxState.Pending)
            .GroupBy(o => o.Connection)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var snapshot = new OperatorSnapshot(report, lag, inbox, outbox, states);
        meter.Publish(snapshot);
        return snapshot;
    }
}
