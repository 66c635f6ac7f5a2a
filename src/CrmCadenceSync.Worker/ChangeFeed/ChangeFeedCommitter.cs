using CrmCadenceSync.Salesforce.ChangeEvents;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.ChangeFeed;

/// <summary>
/// Stores a batch of change events and the replay id after it in one transaction: after a crash the subscription resumes
/// exactly after the last batch whose inbox rows exist, so nothing is skipped and nothing is stored twice.
/// </summary>
public sealed class ChangeFeedCommitter(CadenceDbContext db, InboxWriter inbox, TimeProvider time)
{
    /// <summary>After the stored replay id; from the tip of the stream when none is stored (polling covers what came before).</summary>
    public async Task<ReplayStart> StartAsync(string connection, string topic, CancellationToken cancellationToken)
    {
        var row = await db.ChangeFeedPositions.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Connection == connection && p.Topic == topic, cancellationToken);
        return row is null ? ReplayStart.Latest : new ReplayStart(row.ReplayId);
    }

    /// <returns>How many inbox rows were new.</returns>
    public async Task<int> CommitAsync(string connection, string topic, IReadOnlyList<InboxItem> items, byte[] replayId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await inbox.AppendAsync(items, cancellationToken);
        var row = await db.ChangeFeedPositions.FindAsync([connection, topic], cancellationToken);
        if (row is null)
        {
            db.ChangeFeedPositions.Add(new ChangeFeedPositionEntity { Connection = connection, Topic = topic, ReplayId = replayId, UpdatedAt = time.GetUtcNow() });
        }
        else
        {
            row.ReplayId = replayId;
            row.UpdatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>Drops a replay id the server no longer knows; the next subscription starts from the latest event.</summary>
    public Task ForgetAsync(string connection, string topic, CancellationToken cancellationToken) =>
        db.ChangeFeedPositions.Where(p => p.Connection == connection && p.Topic == topic).ExecuteDeleteAsync(cancellationToken);
}
