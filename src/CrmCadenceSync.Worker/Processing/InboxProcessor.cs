using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Identity;
using CrmCadenceSync.Worker.Retention;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Turns stored inbound changes into enrollment changes and queued CRM writes, one batch per transaction:
/// either the whole batch (snapshots, enrollments, outbox rows, events marked processed) commits or none of it.
/// Events are claimed first (<see cref="WorkClaims"/>), so instances sharing the store each take their own.
/// </summary>
public sealed partial class InboxProcessor(
    CadenceDbContext db,
    ConnectionRegistry connections,
    ContactChangeApplier applier,
    OwnerDirectory owners,
    WorkClaims claims,
    ConnectionHealth health,
    IdentityLinks identity,
    CycleStats stats,
    ContactErasure erasure,
    TimeProvider time,
    ILogger<InboxProcessor> logger)
{
    /// <returns>How many events the batch took; 0 when the inbox is empty.</returns>
    public async Task<int> ProcessBatchAsync(int maxEvents, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = await claims.NewLeaseAsync(now, cancellationToken);
        var claimed = await claims.ClaimInboxAsync(lease, now, maxEvents, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        try
        {
            await ApplyClaimedAsync(lease, claimed, now, cancellationToken);
            return claimed.Count;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBatchFailed(claimed.Count, e.Message);
            await claims.AbandonInboxAsync(lease, claimed, now, e.Message, CancellationToken.None);
            throw;
        }
    }

    private async Task ApplyClaimedAsync(WorkLease lease, List<long> claimed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = await claims.HeldInboxAsync(lease, claimed, cancellationToken);

        // The CRM is read before the write transaction opens: the store's write lock (SQLite has one) is never held
        // across a CRM call or a rate-budget wait, so webhooks keep committing meanwhile.
        var reads = new List<(List<InboxEventEntity> Events, IReadOnlyList<Contact>? Contacts, Exception? Failure)>();
        foreach (var batch in events.GroupBy(e => e.Connection, StringComparer.Ordinal))
        {
            List<InboxEventEntity> rows = [.. batch];
            try
            {
                // The reps too: applying a change looks them up inside the transaction, where a failing CRM must not be called.
                await owners.EnsureLoadedAsync(batch.Key, cancellationToken);
                reads.Add((rows, await LatestContactsAsync(batch.Key, rows, cancellationToken), null));
            }
            catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
            {
                reads.Add((rows, null, e));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A lease that ran out meanwhile belongs to another instance now: a connection's contacts are applied only when
        // this instance still holds all of its events; otherwise the ones it holds go back unprocessed.
        var held = await claims.StillHeldInboxAsync(lease, claimed, cancellationToken);
        var deleted = new List<(string Connection, string CrmId)>();

        // The primary connection's records first, saved (inside the transaction) before the others are applied: a linked
        // record in another connection then finds its primary twin and that twin's enrollment in the store.
        foreach (var (rows, contacts, failure) in reads.OrderByDescending(r => identity.IsPrimary(r.Events[0].Connection)))
        {
            if (rows.TrueForAll(row => held.Contains(row.Id)))
            {
                await ApplyAsync(rows[0].Connection, rows, contacts, failure, now, cancellationToken);
                deleted.AddRange(contacts?.Where(c => c.IsDeleted).Select(c => (c.Connection, c.CrmId)) ?? []);
                if (identity.Enabled)
                {
                    // Saving mirrors the primary records' status writes onto their linked records (StatusMirrorInterceptor).
                    await db.SaveChangesAsync(cancellationToken);
                }

                continue;
            }

            rows.Where(row => !held.Contains(row.Id)).ToList().ForEach(row => db.Entry(row).State = EntityState.Detached);
            LogLeaseLost(rows[0].Connection, rows.Count);
        }

        WorkClaims.Release(events.Where(row => held.Contains(row.Id)));
        await db.SaveChangesAsync(cancellationToken);

        // A contact deleted in the CRM loses its personal data in the same commit that exits its enrollment. Everything
        // is saved by now; the tracked copies go, so no later save in this scope writes the erased values back.
        if (deleted.Count > 0)
        {
            db.ChangeTracker.Clear();
            await erasure.EraseAsync(deleted, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ApplyAsync(
        string connection, List<InboxEventEntity> events, IReadOnlyList<Contact>? contacts, Exception? failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (contacts is null)
        {
            var until = await health.RecordAsync(connection, failure!, cancellationToken) ?? now.AddMinutes(5);
            events.ForEach(row => Postpone(row, until, ConnectionHealth.WaitingPrefix + Resilience.Faults.Describe(failure!)));
            LogConnectionWaiting(connection, events.Count, Resilience.Faults.Describe(failure!));
            return;
        }

        await applier.ApplyAllAsync(connection, contacts, now, cancellationToken);

        // The CRM answered: if it had been failing, the work waiting for it goes now.
        await health.MarkOkAsync(connection, now, synced: false, cancellationToken);

        events.ForEach(row => row.ProcessedAt = now);
    }

    /// <summary>
    /// The newest state of each contact the events name. Webhook events carry no contact, so those contacts are
    /// read fresh from the CRM in one batch call; deletions and merges come from the snapshot. The worker's own writes
    /// announced back (a HubSpot change of a <c>ccs_</c> property, a save the CRM says our user made) are not read, and
    /// a contact read fresh that differs from its snapshot only by such marks is not applied (see <see cref="ContactEcho"/>).
    /// </summary>
    private async Task<IReadOnlyList<Contact>> LatestContactsAsync(string connection, List<InboxEventEntity> events, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, Contact>(StringComparer.Ordinal);
        var toRead = new HashSet<string>(StringComparer.Ordinal);
        var echoes = 0;
        foreach (var row in events)
        {
            switch (Enum.Parse<InboundEventKind>(row.Kind))
            {
                case InboundEventKind.OwnWrite:
                    echoes++;
                    break;
                case InboundEventKind.ContactChanged when row.ContactJson is not null:
                    var polled = ContactJson.Deserialize(row.ContactJson);
                    if (!latest.TryGetValue(row.ContactCrmId, out var known) || known.UpdatedAt <= polled.UpdatedAt)
                    {
                        latest[row.ContactCrmId] = polled;
                    }

                    break;
                case InboundEventKind.ContactChanged when ContactEcho.IsOwnMark(row.PropertyName):
                    echoes++;
                    break;
                case InboundEventKind.ContactChanged:
                    toRead.Add(row.ContactCrmId);
                    break;
                case InboundEventKind.ContactDeleted:
                case InboundEventKind.ContactMerged:
                    toRead.Remove(row.ContactCrmId);
                    latest[row.ContactCrmId] = await RemovedAsync(connection, row, cancellationToken);
                    break;
            }
        }

        toRead.ExceptWith(latest.Where(c => c.Value.IsDeleted || c.Value.MergedIntoCrmId is not null).Select(c => c.Key));
        var unchanged = 0;
        if (toRead.Count > 0)
        {
            var fresh = await connections.Get(connection).ReadContactsAsync(toRead, cancellationToken);
            var ids = fresh.Select(c => c.CrmId).ToList();
            var held = (await db.Contacts.AsNoTracking()
                    .Where(c => c.Connection == connection && ids.Contains(c.CrmId))
                    .ToListAsync(cancellationToken))
                .ToDictionary(c => c.CrmId, c => c.ToContact(), StringComparer.Ordinal);
            foreach (var contact in fresh)
            {
                if (held.TryGetValue(contact.CrmId, out var snapshot) && ContactEcho.IsEcho(contact, snapshot))
                {
                    unchanged++;
                    continue;
                }

                latest[contact.CrmId] = contact;
            }
        }

        stats.OwnWritesAnnounced(connection, echoes);
        stats.ContactsUnchanged(connection, unchanged);
        return [.. latest.Values];
    }

    private async Task<Contact> RemovedAsync(string connection, InboxEventEntity row, CancellationToken cancellationToken)
    {
        var snapshot = await db.Contacts.FindAsync([connection, row.ContactCrmId], cancellationToken);
        var contact = snapshot?.ToContact() ?? new Contact { Connection = connection, CrmId = row.ContactCrmId };
        return row.Kind == nameof(InboundEventKind.ContactMerged)
            ? contact with { MergedIntoCrmId = row.MergedIntoCrmId ?? EnrollmentEngine.UnknownSurvivor, UpdatedAt = row.OccurredAt }
            : contact with { IsDeleted = true, UpdatedAt = row.OccurredAt };
    }

    private static void Postpone(InboxEventEntity row, DateTimeOffset until, string reason)
    {
        row.Attempts++;
        row.AvailableAt = until;
        row.LastError = reason;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing {Count} inbox events failed ({Reason}); they are given back to be retried")]
    private partial void LogBatchFailed(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on {Count} inbox events of {Connection} ran out before they were applied; they are processed again")]
    private partial void LogLeaseLost(string connection, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection} cannot be read ({Reason}); {Count} inbox events wait")]
    private partial void LogConnectionWaiting(string connection, int count, string reason);
}
