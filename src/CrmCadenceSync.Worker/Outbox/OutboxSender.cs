using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Resilience;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// Sends queued writes in batches and records the outcome: the CRM id on success, a dead letter with the CRM's reason
/// for a permanent refusal, a backoff for a transient one. Emails go first and each is committed on its own
/// (<see cref="EmailWrites"/>), so a CRM outage never touches them. Each CRM write's attempt is committed before the
/// call: a row found with an earlier attempt (a crash or a lost answer) is looked up by its sync key before it is sent
/// again. Connection trouble (an open circuit, timeouts, network errors) backs the rows off and shows on the
/// connection's health; any other failure is narrowed down to the row at fault, so one bad row never fails the rows
/// beside it. Rows are claimed first (<see cref="WorkClaims"/>), so instances sharing the store send different rows.
/// </summary>
public sealed partial class OutboxSender(
    CadenceDbContext db,
    ConnectionRegistry connections,
    ConnectionHealth health,
    WorkClaims claims,
    EmailWrites emails,
    OutboxOutcomes outcomes,
    WriteTimeChecks checks,
    OutboxLeaseKeeper leases,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    /// <returns>How many rows the batch took for this connection; 0 when nothing is waiting.</returns>
    public async Task<int> SendBatchAsync(string connection, int maxRows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = await claims.NewLeaseAsync(now, cancellationToken);
        var claimed = await claims.ClaimOutboxAsync(lease, connection, OutboxState.Pending, now, maxRows, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var claimedAs = lease;
        var rows = await claims.HeldOutboxAsync(lease, claimed, cancellationToken);
        var sendable = await checks.KeepSendableAsync(rows, now, cancellationToken);
        var emailRows = sendable.Where(r => r.WriteType == WriteType.Email).ToList();
        if (emailRows.Count > 0)
        {
            await emails.SendAsync(lease, emailRows, now, cancellationToken);
        }

        var writes = sendable.Where(r => r.WriteType != WriteType.Email).ToList();
        if (writes.Count > 0)
        {
            lease = await WriteToCrmAsync(connection, writes, lease, now, cancellationToken);
        }

        // The outcomes of what was sent must not be lost to a lock-order deadlock with another instance's commit: the
        // rows would stay claimed until the lease ran out and then be sent again. The losing transaction is retried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitOutcomesAsync(rows, claimed, claimedAs, lease, cancellationToken);
                break;
            }
            catch (Exception e) when (attempt < CommitAttempts && IsLockConflict(e))
            {
                LogCommitRetried(e, connection, attempt);
            }
        }

        return claimed.Count;
    }

    /// <summary>
    /// Sends the rows <see cref="ChunkRows"/> at a time, keeping their claim alive until the batch commits
    /// (<see cref="OutboxLeaseKeeper"/>): a row whose lease ran out may already be another instance's, which would send
    /// it too. Rows taken over are left to their new holder.
    /// </summary>
    /// <returns>The lease now held (renewed).</returns>
    private async Task<WorkLease> WriteToCrmAsync(string connection, List<OutboxEntity> rows, WorkLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var kept = leases.Keep(connection, lease, [.. rows.Select(r => r.Id)]);
        var left = rows.OrderBy(r => r.Id).ToList();
        while (left.Count > 0)
        {
            var held = await kept.RenewAsync(cancellationToken);
            foreach (var lost in left.Where(r => !held.Contains(r.Id)))
            {
                db.Entry(lost).State = EntityState.Detached;
                LogTakenOver(connection, lost.IdempotencyKey);
            }

            left.RemoveAll(r => !held.Contains(r.Id));
            var chunk = left.Take(ChunkRows).ToList();
            left.RemoveRange(0, chunk.Count);
            if (chunk.Count > 0 && !await WriteChunkAsync(connection, chunk, kept, now, cancellationToken))
            {
                // Connection trouble: the rows not yet tried wait with the chunk that met it.
                await BackOffAsync(connection, left, now, cancellationToken);
                break;
            }
        }

        return await kept.StopAsync(cancellationToken);
    }

    private const int ChunkRows = 50;

    private const int CommitAttempts = 5;

    private async Task CommitOutcomesAsync(List<OutboxEntity> rows, List<long> claimed, WorkLease claimedAs, WorkLease lease, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Outcomes are recorded only for rows this instance still holds; a row whose lease ran out mid-call is another
        // instance's now, and its sender finds the CRM record by its sync key instead of creating it again.
        var held = await claims.StillHeldOutboxAsync(claimedAs, claimed, cancellationToken);
        if (lease != claimedAs)
        {
            // The CRM writes renewed their rows' claim; the emails and withdrawn rows keep the first one.
            held.UnionWith(await claims.StillHeldOutboxAsync(lease, claimed, cancellationToken));
        }

        rows.Where(row => !held.Contains(row.Id) && db.Entry(row).State != EntityState.Detached).ToList().ForEach(row => db.Entry(row).State = EntityState.Detached);
        WorkClaims.Release(rows.Where(row => held.Contains(row.Id)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A deadlock or serialization failure: PostgreSQL rolled this transaction back so another could go on.</summary>
    private static bool IsLockConflict(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException { SqlState: "40P01" or "40001" })
            {
                return true;
            }
        }

        return false;
    }

    private Exception? lastTrouble;

    private async Task BackOffAsync(string connection, List<OutboxEntity> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0 || lastTrouble is not { } trouble)
        {
            return;
        }

        var until = await health.RecordAsync(connection, trouble, cancellationToken) ?? now.AddMinutes(5);
        foreach (var row in rows)
        {
            row.AvailableAt = until;
            row.LastError = ConnectionHealth.WaitingPrefix + Faults.Describe(trouble);
        }
    }

    /// <returns>False when the connection is in trouble (the chunk's unsent rows back off).</returns>
    private async Task<bool> WriteChunkAsync(string connection, List<OutboxEntity> rows, KeptLease kept, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The attempt is committed before the call, so that after a crash the row is known to be possibly in the CRM.
        var earlier = rows.ToDictionary(r => r.Id, r => r.AttemptedAt);
        rows.ForEach(r => r.AttemptedAt = now);
        await kept.WithoutRenewalAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);

        var connector = connections.Get(connection);

        // One section per write type; a section is skipped once the connection is in trouble.
        var trouble = await SectionAsync(
            rows.Where(r => r.WriteType is WriteType.Task or WriteType.LoggedEmail or WriteType.Note).ToList(),
            batch => connector.WriteActivitiesAsync([.. batch.Select(r => OutboxPayload.Activity(r) with { AttemptedAt = earlier[r.Id] })], cancellationToken),
            now,
            row => earlier[row.Id] ??= now);

        if (trouble is null)
        {
            var statuses = await LatestPerContactAsync(connection, rows.Where(r => r.WriteType == WriteType.ContactStatus).ToList(), now, cancellationToken);
            trouble = await SectionAsync(
                statuses,
                batch => connector.WriteContactStatusAsync([.. batch.Select(OutboxPayload.Status)], cancellationToken),
                now,
                _ => { });
        }

        if (trouble is null)
        {
            // Unsubscribes before closures: the law gives them days, but nothing else should wait in front of them.
            trouble = await SectionAsync(
                rows.Where(r => r.WriteType == WriteType.EmailOptOut).ToList(),
                batch => connector.WriteEmailOptOutsAsync([.. batch.Select(OutboxPayload.OptOut)], cancellationToken),
                now,
                _ => { });
        }

        if (trouble is null)
        {
            var closures = await ClosuresAsync(rows.Where(r => r.WriteType == WriteType.CloseTask).ToList(), now, cancellationToken);
            trouble = await SectionAsync(
                [.. closures.Keys],
                batch => connector.CloseTasksAsync([.. batch.Select(r => closures[r])], cancellationToken),
                now,
                _ => { });
        }

        if (trouble is null)
        {
            await health.MarkOkAsync(connection, now, synced: false, cancellationToken);
            return true;
        }

        lastTrouble = trouble;

        // Connection trouble: whatever has no outcome yet waits, without counting against the rows.
        var until = await health.RecordAsync(connection, trouble, cancellationToken) ?? now.AddMinutes(5);
        var waiting = rows.Where(r => r.State == OutboxState.Pending && r.AvailableAt <= now).ToList();
        foreach (var row in waiting)
        {
            row.AvailableAt = until;
            row.LastError = ConnectionHealth.WaitingPrefix + Faults.Describe(trouble);
            if (!MayHaveReachedCrm(trouble))
            {
                row.AttemptedAt = earlier[row.Id];
            }
        }

        LogConnectionWaiting(connection, waiting.Count, until, Faults.Describe(trouble));
        return false;
    }

    /// <summary>
    /// Sends one write type's rows. Connection trouble is returned for the caller to back everything off; any other
    /// failure splits the rows in halves, down to the row at fault, which alone counts the failed attempt. A failed
    /// call may have stored some records, so each row is marked <paramref name="attempted"/> before it goes again.
    /// </summary>
    private async Task<Exception?> SectionAsync(
        List<OutboxEntity> rows, Func<List<OutboxEntity>, Task<IReadOnlyList<CrmWriteResult>>> write, DateTimeOffset now, Action<OutboxEntity> attempted)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        try
        {
            outcomes.Record(rows, await write(rows), now);
            return null;
        }
        catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
        {
            return e;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (rows.Count == 1)
            {
                outcomes.Failed(rows[0], e, now);
                return null;
            }

            rows.ForEach(attempted);
            var half = rows.Count / 2;
            return await SectionAsync(rows[..half], write, now, attempted) ?? await SectionAsync(rows[half..], write, now, attempted);
        }
    }

    /// <summary>An open circuit, a rate limiter, a park or a refused token stop the call before it leaves this process.</summary>
    private static bool MayHaveReachedCrm(Exception trouble) =>
        !(Faults.IsCircuitOpen(trouble) || trouble is CrmParkedException or CrmReauthorisationRequiredException or Polly.RateLimiting.RateLimiterRejectedException);

    /// <summary>
    /// The CRM ids of the tasks the closes name. A close waits while its task is still unsent (it may be in this batch,
    /// sent just above), and has nothing to do when the task never reached the CRM (withdrawn, refused).
    /// </summary>
    private async Task<Dictionary<OutboxEntity, TaskClosure>> ClosuresAsync(List<OutboxEntity> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var closures = new Dictionary<OutboxEntity, TaskClosure>();
        if (rows.Count == 0)
        {
            return closures;
        }

        var taskKeys = rows.ToDictionary(r => r, r => OutboxPayload.CloseTask(r).TaskKey);
        var keys = taskKeys.Values.ToList();
        var tasks = await db.Outbox.Where(o => keys.Contains(o.IdempotencyKey)).ToDictionaryAsync(o => o.IdempotencyKey, StringComparer.Ordinal, cancellationToken);
        foreach (var row in rows)
        {
            switch (tasks.GetValueOrDefault(taskKeys[row]))
            {
                case { State: OutboxState.Sent, CrmId: { } crmId }:
                    closures[row] = new TaskClosure(row.IdempotencyKey, crmId);
                    break;
                case { State: OutboxState.Pending }:
                    outcomes.Retry(row, "TaskNotSent", "The task is not in the CRM yet; it is closed once it is.", now);
                    break;
                default:
                    row.State = OutboxState.Superseded;
                    row.SentAt = now;
                    break;
            }
        }

        return closures;
    }

    /// <summary>
    /// Only the newest status of each contact is worth a CRM call: every older unsent one for the same contacts,
    /// in this batch or not, is superseded (but not one another instance is sending right now). A status is also
    /// superseded when a newer one was already sent or is in another instance's hands: sent now, it would overwrite
    /// the newer one in the CRM (as when a killed instance's claim on an old status runs out after its successor went).
    /// </summary>
    private async Task<List<OutboxEntity>> LatestPerContactAsync(string connection, List<OutboxEntity> statuses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (statuses.Count == 0)
        {
            return statuses;
        }

        var contacts = statuses.Select(r => r.ContactCrmId).Distinct().ToList();
        var leaseNow = await claims.LeaseClockAsync(now, cancellationToken);
        var statusRows = db.Outbox.Where(o => o.Connection == connection && o.WriteType == WriteType.ContactStatus && contacts.Contains(o.ContactCrmId));
        var pending = await statusRows
            .Where(o => o.State == OutboxState.Pending && (o.LeaseUntil == null || o.LeaseUntil <= leaseNow || o.ClaimedBy == claims.InstanceId))
            .ToListAsync(cancellationToken);
        var newestElsewhere = await statusRows
            .Where(o => o.State == OutboxState.Sent || (o.State == OutboxState.Pending && o.LeaseUntil > leaseNow && o.ClaimedBy != claims.InstanceId))
            .GroupBy(o => o.ContactCrmId)
            .Select(g => new { Contact = g.Key, Id = g.Max(o => o.Id) })
            .ToDictionaryAsync(g => g.Contact, g => g.Id, StringComparer.Ordinal, cancellationToken);
        var latest = new List<OutboxEntity>();
        foreach (var perContact in pending.GroupBy(r => r.ContactCrmId, StringComparer.Ordinal))
        {
            var newest = perContact.MaxBy(r => r.Id)!;
            var stale = newestElsewhere.TryGetValue(perContact.Key, out var newer) && newer > newest.Id;
            foreach (var older in perContact.Where(r => stale || r != newest))
            {
                older.State = OutboxState.Superseded;
                older.SentAt = now;
            }

            if (!stale)
            {
                latest.Add(newest);
            }
        }

        return latest;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: {Key} was taken over by another instance while this one was still draining (its lease ran out); left to it")]
    private partial void LogTakenOver(string connection, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: committing a batch's outcomes met a lock conflict with another instance (attempt {Attempt}); trying again")]
    private partial void LogCommitRetried(Exception exception, string connection, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection} cannot take writes ({Reason}); {Count} writes wait until {Until:u}")]
    private partial void LogConnectionWaiting(string connection, int count, DateTimeOffset until, string reason);
}
