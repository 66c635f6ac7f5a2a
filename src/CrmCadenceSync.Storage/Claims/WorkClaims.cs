using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Storage.Claims;

/// <summary>
/// Hands out due work (inbox events, due enrollments, outbox rows) in batches, each row to one instance at a time.
/// A claim is a short committed transaction that stamps the rows with this instance and a lease; on PostgreSQL it takes
/// the rows with <c>FOR UPDATE SKIP LOCKED</c>, so instances claiming at once never wait for or take each other's rows.
/// The work is then done and committed together with <see cref="Release"/>, after <c>Held…</c>/<c>StillHeld…</c>
/// confirms (and on PostgreSQL locks) the rows this lease still holds. Rows whose lease ran out, because the instance died or stalled,
/// are claimable again; on PostgreSQL whether a lease has run out is judged on the database's clock. On SQLite (one
/// instance) the same columns are used without row locks.
/// </summary>
public sealed class WorkClaims(CadenceDbContext db, IOptions<ClusterOptions> cluster)
{
    public string InstanceId => cluster.Value.InstanceId;

    /// <summary>A lease of the configured length from now on the lease clock (<see cref="LeaseClockAsync"/>).</summary>
    public async Task<WorkLease> NewLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WorkLease.For(cluster.Value.InstanceId, await LeaseClockAsync(now, cancellationToken), cluster.Value.LeaseLength);

    /// <summary>
    /// The time leases are judged by. On PostgreSQL, shared by several instances, it is the database's clock, so
    /// instances whose own clocks disagree still agree on when a lease runs out (one running ahead would otherwise take
    /// rows another is still writing). SQLite serves one instance on its own disk: that instance's time is the clock.
    /// </summary>
    public async Task<DateTimeOffset> LeaseClockAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return now.ToUniversalTime();
        }

        return await db.Database.SqlQueryRaw<DateTimeOffset>("""SELECT clock_timestamp() AS "Value" """).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Inside the caller's transaction, waits until no other instance is counting or writing against one connection's
    /// reps' daily caps, until this transaction ends. Claims keep two instances off the same enrollment, not off the
    /// same rep: without this, two due-step batches could each count a rep's day at the cap less one and both write.
    /// SQLite needs nothing: its writers already take turns.
    /// </summary>
    public async Task LockRepCapsAsync(string connection, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext({0}))", ["rep-caps:" + connection], cancellationToken);
        }
    }

    /// <summary>Unprocessed inbox events that are available now, oldest first.</summary>
    public async Task<List<long>> ClaimInboxAsync(WorkLease lease, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<long>(
                """
                UPDATE "InboxEvents" SET "ClaimedBy" = {0}, "LeaseUntil" = {1}
                WHERE "Id" IN (
                    SELECT "Id" FROM "InboxEvents"
                    WHERE "ProcessedAt" IS NULL AND "AvailableAt" <= {2} AND ("LeaseUntil" IS NULL OR "LeaseUntil" <= clock_timestamp())
                    ORDER BY "Id" LIMIT {3}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """,
                lease.ClaimedBy, lease.Until, now, max).ToListAsync(cancellationToken);
        }

        var ids = await db.InboxEvents
            .Where(e => e.ProcessedAt == null && e.AvailableAt <= now && (e.LeaseUntil == null || e.LeaseUntil <= now))
            .OrderBy(e => e.Id)
            .Take(max)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        await db.InboxEvents.Where(e => ids.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, lease.ClaimedBy).SetProperty(e => e.LeaseUntil, lease.Until), cancellationToken);
        return ids;
    }

    /// <summary>Active enrollments whose next step is due now, earliest first.</summary>
    public async Task<List<Guid>> ClaimDueEnrollmentsAsync(WorkLease lease, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        const string active = nameof(EnrollmentState.Active);
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<Guid>(
                """
                UPDATE "Enrollments" SET "ClaimedBy" = {0}, "LeaseUntil" = {1}
                WHERE "Id" IN (
                    SELECT "Id" FROM "Enrollments"
                    WHERE "IsOpen" AND "State" = {4} AND "NextDueAt" <= {2} AND ("LeaseUntil" IS NULL OR "LeaseUntil" <= clock_timestamp())
                    ORDER BY "NextDueAt" LIMIT {3}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """,
                lease.ClaimedBy, lease.Until, now, max, active).ToListAsync(cancellationToken);
        }

        var ids = await db.Enrollments
            .Where(e => e.IsOpen && e.State == active && e.NextDueAt <= now && (e.LeaseUntil == null || e.LeaseUntil <= now))
            .OrderBy(e => e.NextDueAt)
            .Take(max)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        await db.Enrollments.Where(e => ids.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, lease.ClaimedBy).SetProperty(e => e.LeaseUntil, lease.Until), cancellationToken);
        return ids;
    }

    /// <summary>One connection's outbox rows in <paramref name="state"/> that are available now, oldest first.</summary>
    public async Task<List<long>> ClaimOutboxAsync(WorkLease lease, string connection, string state, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<long>(
                """
                UPDATE "Outbox" SET "ClaimedBy" = {0}, "LeaseUntil" = {1}
                WHERE "Id" IN (
                    SELECT "Id" FROM "Outbox"
                    WHERE "State" = {4} AND "Connection" = {5} AND "AvailableAt" <= {2} AND ("LeaseUntil" IS NULL OR "LeaseUntil" <= clock_timestamp())
                    ORDER BY "Id" LIMIT {3}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """,
                lease.ClaimedBy, lease.Until, now, max, state, connection).ToListAsync(cancellationToken);
        }

        var ids = await db.Outbox
            .Where(o => o.Connection == connection && o.State == state && o.AvailableAt <= now && (o.LeaseUntil == null || o.LeaseUntil <= now))
            .OrderBy(o => o.Id)
            .Take(max)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
        await db.Outbox.Where(o => ids.Contains(o.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, lease.ClaimedBy).SetProperty(o => o.LeaseUntil, lease.Until), cancellationToken);
        return ids;
    }

    /// <summary>
    /// The claimed inbox events this lease still holds, loaded fresh and tracked (a claim is written past the change
    /// tracker, so copies tracked from an earlier batch are dropped first).
    /// </summary>
    public async Task<List<InboxEventEntity>> HeldInboxAsync(WorkLease lease, List<long> ids, CancellationToken cancellationToken)
    {
        Forget(db.ChangeTracker.Entries<InboxEventEntity>().Where(e => ids.Contains(e.Entity.Id)));
        return await db.InboxEvents
            .Where(e => ids.Contains(e.Id) && e.ClaimedBy == lease.ClaimedBy && e.LeaseUntil == lease.Until)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Which of the claimed inbox events this lease still holds; inside a transaction on PostgreSQL they stay locked until it ends.</summary>
    public async Task<HashSet<long>> StillHeldInboxAsync(WorkLease lease, List<long> ids, CancellationToken cancellationToken)
    {
        await LockAsync("InboxEvents", lease, ids.ToArray(), cancellationToken);
        return [.. await db.InboxEvents
            .Where(e => ids.Contains(e.Id) && e.ClaimedBy == lease.ClaimedBy && e.LeaseUntil == lease.Until)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken)];
    }

    /// <summary>
    /// The claimed enrollments this lease still holds, loaded fresh and tracked; inside a transaction on PostgreSQL
    /// they stay locked until it ends.
    /// </summary>
    public async Task<List<EnrollmentEntity>> HeldEnrollmentsAsync(WorkLease lease, List<Guid> ids, CancellationToken cancellationToken)
    {
        Forget(db.ChangeTracker.Entries<EnrollmentEntity>().Where(e => ids.Contains(e.Entity.Id)));
        await LockAsync("Enrollments", lease, ids.ToArray(), cancellationToken);
        return await db.Enrollments
            .Where(e => ids.Contains(e.Id) && e.ClaimedBy == lease.ClaimedBy && e.LeaseUntil == lease.Until)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The claimed outbox rows this lease still holds, loaded fresh and tracked.</summary>
    public async Task<List<OutboxEntity>> HeldOutboxAsync(WorkLease lease, List<long> ids, CancellationToken cancellationToken)
    {
        Forget(db.ChangeTracker.Entries<OutboxEntity>().Where(e => ids.Contains(e.Entity.Id)));
        return await db.Outbox
            .Where(o => ids.Contains(o.Id) && o.ClaimedBy == lease.ClaimedBy && o.LeaseUntil == lease.Until)
            .OrderBy(o => o.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Extends the claim on outbox rows this lease still holds (its time not yet run out) by a new lease from now on the
    /// lease clock, and returns that lease and the rows it holds: a drain paced by the CRM's rate limit may take longer
    /// than one lease, and a row whose lease ran out is another instance's to send. Rows taken over meanwhile are not in
    /// the answer. One reading of the lease clock serves both the check and the new lease.
    /// </summary>
    public async Task<(WorkLease Renewed, HashSet<long> Held)> RenewOutboxAsync(WorkLease lease, IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leaseNow = await LeaseClockAsync(now, cancellationToken);
        var renewed = WorkLease.For(lease.ClaimedBy, leaseNow, cluster.Value.LeaseLength);
        await db.Outbox.Where(o => ids.Contains(o.Id) && o.ClaimedBy == lease.ClaimedBy && o.LeaseUntil == lease.Until && o.LeaseUntil > leaseNow)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, renewed.Until), cancellationToken);
        HashSet<long> held = [.. await db.Outbox.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && o.ClaimedBy == renewed.ClaimedBy && o.LeaseUntil == renewed.Until)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken)];
        return (renewed, held);
    }

    /// <summary>Which of the claimed outbox rows this lease still holds; inside a transaction on PostgreSQL they stay locked until it ends.</summary>
    public async Task<HashSet<long>> StillHeldOutboxAsync(WorkLease lease, List<long> ids, CancellationToken cancellationToken)
    {
        await LockAsync("Outbox", lease, ids.ToArray(), cancellationToken);
        return [.. await db.Outbox
            .Where(o => ids.Contains(o.Id) && o.ClaimedBy == lease.ClaimedBy && o.LeaseUntil == lease.Until)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken)];
    }

    /// <summary>Ends the claim on rows whose work is being committed.</summary>
    public static void Release(IEnumerable<IClaimable> rows)
    {
        foreach (var row in rows)
        {
            row.ClaimedBy = null;
            row.LeaseUntil = null;
        }
    }

    /// <summary>
    /// Gives back the inbox events a failed batch claimed instead of leaving them to wait out the lease (minutes):
    /// a batch that lost a race with another instance (a duplicate key, a deadlock) is taken again at once, and one that
    /// fails again waits a pause that doubles with every failure (<see cref="RetryPause"/>), so it does not spin. The
    /// batch's own changes are dropped: its transaction rolled back.
    /// </summary>
    public async Task AbandonInboxAsync(WorkLease lease, List<long> ids, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var rows = await db.InboxEvents.Where(e => ids.Contains(e.Id) && e.ClaimedBy == lease.ClaimedBy && e.LeaseUntil == lease.Until).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.Attempts++;
            row.AvailableAt = now + RetryPause(row.Attempts);
            row.LastError = reason;
        }

        Release(rows);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Gives back the enrollments a failed due-step batch claimed, for the next run to take again.</summary>
    public async Task AbandonEnrollmentsAsync(WorkLease lease, List<Guid> ids, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.Enrollments.Where(e => ids.Contains(e.Id) && e.ClaimedBy == lease.ClaimedBy && e.LeaseUntil == lease.Until)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>None after the first failure; then 10 s, doubling with each further failure, at most 10 minutes.</summary>
    public static TimeSpan RetryPause(int attempts) =>
        attempts <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(600, 10 * Math.Pow(2, Math.Min(attempts - 2, 10))));

    /// <summary>
    /// Ends every claim and every retry pause in the store: for a single instance starting up, whose previous process
    /// left them. A restart is the natural moment to try again what failed before it (an admin may have fixed the cause).
    /// </summary>
    public static async Task ReleaseAllAsync(CadenceDbContext db, CancellationToken cancellationToken)
    {
        await db.InboxEvents.Where(e => e.ClaimedBy != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        await db.InboxEvents.Where(e => e.ProcessedAt == null && e.AvailableAt > e.ReceivedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.AvailableAt, e => e.ReceivedAt), cancellationToken);
        await db.Enrollments.Where(e => e.ClaimedBy != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        await db.Outbox.Where(o => o.ClaimedBy != null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    private static void Forget<T>(IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<T>> entries)
        where T : class
    {
        foreach (var entry in entries.ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task LockAsync<TKey>(string table, WorkLease lease, TKey[] ids, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql() || ids.Length == 0)
        {
            return;
        }

        // The table name is one of three constants from this class, never input.
        var sql = "SELECT 1 FROM \"" + table + "\" WHERE \"Id\" = ANY({0}) AND \"ClaimedBy\" = {1} AND \"LeaseUntil\" = {2} FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(sql, [ids, lease.ClaimedBy, lease.Until], cancellationToken);
    }
}
