using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Options;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Tests;

/// <summary>Due work shared between instances: each row to one claimant at a time, and taken over once its lease runs out.</summary>
public sealed class WorkClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task On_SQLite_a_lease_left_behind_is_taken_over_after_it_expires_and_not_before()
    {
        await using var store = await StoreHost.StartAsync();

        // SQLite serves one instance: its own clock is the lease clock.
        await LeaseTakeoverAsync(store, TimeSpan.FromSeconds(1), (lease, left) =>
        {
            store.Time.SetUtcNow(lease.Until - left);
            return Task.FromResult(lease);
        });
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_lease_left_behind_is_taken_over_after_it_expires_and_not_before()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));

        // Leases run on the database's clock, which a test cannot move: the lease is shortened in the database instead,
        // to end `left` from the database's now (with a margin the claims that follow cannot take up on a busy machine).
        await LeaseTakeoverAsync(store, TimeSpan.FromSeconds(30), (lease, left) => EndLeaseInAsync(store, lease, left));
    }

    [PostgresFact]
    public async Task On_PostgreSQL_an_instance_whose_clock_runs_an_hour_ahead_does_not_take_a_live_lease()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        var now = store.Time.GetUtcNow();
        await SeedAsync(store, count: 3, now);
        await using var holderDb = store.NewContext();
        var holder = Claimant(holderDb, "holder");
        var lease = await holder.NewLeaseAsync(now, default);
        var inbox = await holder.ClaimInboxAsync(lease, now, 10, default);
        var enrollments = await holder.ClaimDueEnrollmentsAsync(lease, now, 10, default);
        var outbox = await holder.ClaimOutboxAsync(lease, "hubspot", "Pending", now, 10, default);
        Assert.Equal((3, 3, 3), (inbox.Count, enrollments.Count, outbox.Count));

        // To an instance whose own clock is an hour ahead, a two-minute lease looks long gone; the database's clock says otherwise.
        Assert.Equal((0, 0, 0), await ClaimAsync(store, "ahead", now.AddHours(1)));
        Assert.Equal(3, (await holder.StillHeldOutboxAsync(lease, outbox, default)).Count);
        Assert.Equal(3, (await holder.HeldEnrollmentsAsync(lease, enrollments, default)).Count);
    }

    [Fact]
    public async Task Batch_after_batch_in_one_context_each_claim_is_released_when_its_work_is_saved()
    {
        await using var store = await StoreHost.StartAsync();
        var now = store.Time.GetUtcNow();
        await SeedAsync(store, count: 1, now);
        await using var db = store.NewContext();
        var claims = Claimant(db, "worker");

        // The same enrollment twice (its next step due again at once), as the due-step job's loop takes it.
        for (var batch = 0; batch < 2; batch++)
        {
            var lease = await claims.NewLeaseAsync(now, default);
            var rows = await claims.HeldEnrollmentsAsync(lease, await claims.ClaimDueEnrollmentsAsync(lease, now, 10, default), default);
            var row = Assert.Single(rows);
            row.NextStepIndex++;
            WorkClaims.Release(rows);
            await db.SaveChangesAsync();
        }

        await using var check = store.NewContext();
        var stored = await check.Enrollments.SingleAsync();
        Assert.Equal((2, null, null), (stored.NextStepIndex, stored.ClaimedBy, stored.LeaseUntil));
    }

    [PostgresFact]
    public async Task Instances_claiming_at_the_same_time_on_PostgreSQL_each_get_different_rows_and_together_all_of_them()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        var now = store.Time.GetUtcNow();
        await SeedAsync(store, count: 600, now);

        var claimants = Enumerable.Range(1, 4).Select(i => ClaimEverythingAsync(store, $"instance-{i}", now)).ToList();
        var claimed = await Task.WhenAll(claimants);

        var inbox = claimed.SelectMany(c => c.Inbox).ToList();
        var enrollments = claimed.SelectMany(c => c.Enrollments).ToList();
        var outbox = claimed.SelectMany(c => c.Outbox).ToList();
        Assert.Equal(600, inbox.Count);
        Assert.Equal(600, inbox.Distinct().Count());
        Assert.Equal(600, enrollments.Distinct().Count());
        Assert.Equal(600, enrollments.Count);
        Assert.Equal(600, outbox.Distinct().Count());
        Assert.Equal(600, outbox.Count);
        await using var db = store.NewContext();
        var byInstance = await db.InboxEvents.GroupBy(e => e.ClaimedBy).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.DoesNotContain(byInstance, g => g.Key == null);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_second_instance_counting_a_connections_rep_caps_waits_until_the_first_commits()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        await using var first = store.NewContext();
        await using var second = store.NewContext();
        await using var other = store.NewContext();
        await using var observer = store.NewContext();

        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        await Claimant(first, "instance-1").LockRepCapsAsync("hubspot", default);
        await using var secondTransaction = await second.Database.BeginTransactionAsync();
        var waiting = Claimant(second, "instance-2").LockRepCapsAsync("hubspot", default);
        await using (var otherTransaction = await other.Database.BeginTransactionAsync())
        {
            // Another connection's reps are not held up.
            await Claimant(other, "instance-3").LockRepCapsAsync("salesforce", default);
        }

        // PostgreSQL itself says the second instance is waiting for the lock (asked until it shows, at most 200 times).
        var blocked = 0;
        for (var attempt = 0; attempt < 200 && blocked == 0; attempt++)
        {
            blocked = await observer.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").SingleAsync();
        }

        Assert.Equal(1, blocked);
        Assert.False(waiting.IsCompleted);
        await firstTransaction.CommitAsync();
        await waiting;
        await secondTransaction.CommitAsync();
    }

    [PostgresFact]
    public async Task Several_instances_starting_at_once_against_an_empty_PostgreSQL_database_all_start_and_migrate_it_once()
    {
        await using var database = await PostgresStore.CreateAsync();

        var hosts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString))));
        try
        {
            await using var db = hosts[0].NewContext();
            var known = db.Database.GetMigrations().ToList();
            var applied = await db.Database.SqlQueryRaw<string>("""SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory" """).ToListAsync();
            Assert.Equal(known.Order(), applied.Order());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <param name="runDown">Brings the lease to <c>left</c> before its end on the lease clock; returns the lease as it now stands.</param>
    private static async Task LeaseTakeoverAsync(StoreHost store, TimeSpan notYet, Func<WorkLease, TimeSpan, Task<WorkLease>> runDown)
    {
        var now = store.Time.GetUtcNow();
        await SeedAsync(store, count: 3, now);
        await using var deadDb = store.NewContext();
        var dead = Claimant(deadDb, "killed-instance");
        var deadLease = await dead.NewLeaseAsync(now, default);
        var deadInbox = await dead.ClaimInboxAsync(deadLease, now, 10, default);
        var deadEnrollments = await dead.ClaimDueEnrollmentsAsync(deadLease, now, 10, default);
        var deadOutbox = await dead.ClaimOutboxAsync(deadLease, "hubspot", "Pending", now, 10, default);
        Assert.Equal((3, 3, 3), (deadInbox.Count, deadEnrollments.Count, deadOutbox.Count));

        // Just before the lease ends nothing is claimable; once it has ended, everything is, by the survivor.
        deadLease = await runDown(deadLease, notYet);
        Assert.Equal((0, 0, 0), await ClaimAsync(store, "survivor"));
        deadLease = await runDown(deadLease, TimeSpan.Zero);
        Assert.Equal((3, 3, 3), await ClaimAsync(store, "survivor"));

        // The instance that lost its lease finds it holds nothing any more, so it commits nothing for those rows.
        await using var lateDb = store.NewContext();
        var late = Claimant(lateDb, "killed-instance");
        Assert.Empty(await late.HeldInboxAsync(deadLease, deadInbox, default));
        Assert.Empty(await late.HeldEnrollmentsAsync(deadLease, deadEnrollments, default));
        Assert.Empty(await late.HeldOutboxAsync(deadLease, deadOutbox, default));
        Assert.Empty(await late.StillHeldInboxAsync(deadLease, deadInbox, default));
        Assert.Empty(await late.StillHeldOutboxAsync(deadLease, deadOutbox, default));
    }

    private static async Task<(int Inbox, int Enrollments, int Outbox)> ClaimAsync(StoreHost store, string instance, DateTimeOffset? clock = null)
    {
        await using var db = store.NewContext();
        var claims = Claimant(db, instance);
        var now = clock ?? store.Time.GetUtcNow();
        var lease = await claims.NewLeaseAsync(now, default);
        var inbox = await claims.ClaimInboxAsync(lease, now, 10, default);
        var enrollments = await claims.ClaimDueEnrollmentsAsync(lease, now, 10, default);
        var outbox = await claims.ClaimOutboxAsync(lease, "hubspot", "Pending", now, 10, default);
        Assert.Equal(inbox.Count, (await claims.HeldInboxAsync(lease, inbox, default)).Count);
        return (inbox.Count, enrollments.Count, outbox.Count);
    }

    private static async Task<(List<long> Inbox, List<Guid> Enrollments, List<long> Outbox)> ClaimEverythingAsync(StoreHost store, string instance, DateTimeOffset now)
    {
        (List<long> Inbox, List<Guid> Enrollments, List<long> Outbox) all = ([], [], []);
        await Task.Yield();
        while (true)
        {
            await using var db = store.NewContext();
            var claims = Claimant(db, instance);
            var lease = await claims.NewLeaseAsync(now, default);
            var inbox = await claims.ClaimInboxAsync(lease, now, 25, default);
            var enrollments = await claims.ClaimDueEnrollmentsAsync(lease, now, 25, default);
            var outbox = await claims.ClaimOutboxAsync(lease, "hubspot", "Pending", now, 25, default);
            if (inbox.Count + enrollments.Count + outbox.Count == 0)
            {
                return all;
            }

            all.Inbox.AddRange(inbox);
            all.Enrollments.AddRange(enrollments);
            all.Outbox.AddRange(outbox);
        }
    }

    private static async Task<WorkLease> EndLeaseInAsync(StoreHost store, WorkLease lease, TimeSpan left)
    {
        await using var db = store.NewContext();
        var databaseNow = await db.Database.SqlQueryRaw<DateTimeOffset>("""SELECT clock_timestamp() AS "Value" """).SingleAsync();
        var shortened = WorkLease.For(lease.ClaimedBy, databaseNow, left);
        foreach (var table in new[] { "InboxEvents", "Enrollments", "Outbox" })
        {
            // The table is one of the three names above, never input.
            var sql = "UPDATE \"" + table + "\" SET \"LeaseUntil\" = {0} WHERE \"ClaimedBy\" = {1} AND \"LeaseUntil\" = {2}";
            var moved = await db.Database.ExecuteSqlRawAsync(sql, [shortened.Until, lease.ClaimedBy, lease.Until]);
            Assert.Equal(3, moved);
        }

        return shortened;
    }

    private static WorkClaims Claimant(CadenceDbContext db, string instance) =>
        new(db, Microsoft.Extensions.Options.Options.Create(new ClusterOptions { InstanceId = instance, LeaseLength = Lease }));

    private static async Task SeedAsync(StoreHost store, int count, DateTimeOffset now)
    {
        await using var db = store.NewContext();
        for (var i = 0; i < count; i++)
        {
            var contact = $"c{i}";
            db.InboxEvents.Add(new InboxEventEntity
            {
                Connection = "hubspot", DedupeKey = $"k{i}", Kind = "ContactChanged", ContactCrmId = contact, OccurredAt = now, ReceivedAt = now, AvailableAt = now,
            });
            db.Enrollments.Add(new EnrollmentEntity
            {
                Id = Guid.NewGuid(), Connection = "hubspot", ContactCrmId = contact, Segment = "Hot", CadenceId = "hot", State = "Active", IsOpen = true,
                EnrolledAt = now, NextDueAt = now.AddMinutes(-i),
            });
            db.Outbox.Add(new OutboxEntity
            {
                Connection = "hubspot", IdempotencyKey = $"w{i}", WriteType = "Task", PayloadJson = "{}", ContactCrmId = contact, State = "Pending",
                CreatedAt = now, AvailableAt = now,
            });
        }

        await db.SaveChangesAsync();
    }
}
