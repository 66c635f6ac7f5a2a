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
        await LeaseTakeoverAsync(store);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_lease_left_behind_is_taken_over_after_it_expires_and_not_before()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        await LeaseTakeoverAsync(store);
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
            var lease = claims.NewLease(now);
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

    private static async Task LeaseTakeoverAsync(StoreHost store)
    {
        var now = store.Time.GetUtcNow();
        await SeedAsync(store, count: 3, now);
        await using var deadDb = store.NewContext();
        var dead = Claimant(deadDb, "killed-instance");
        var deadLease = dead.NewLease(now);
        var deadInbox = await dead.ClaimInboxAsync(deadLease, now, 10, default);
        var deadEnrollments = await dead.ClaimDueEnrollmentsAsync(deadLease, now, 10, default);
        var deadOutbox = await dead.ClaimOutboxAsync(deadLease, "hubspot", "Pending", now, 10, default);
        Assert.Equal((3, 3, 3), (deadInbox.Count, deadEnrollments.Count, deadOutbox.Count));

        // Just before the lease ends nothing is claimable; once it has ended, everything is, by the survivor.
        store.Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal((0, 0, 0), await ClaimAsync(store, "survivor"));
        store.Time.Advance(TimeSpan.FromSeconds(1));
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

    private static async Task<(int Inbox, int Enrollments, int Outbox)> ClaimAsync(StoreHost store, string instance)
    {
        await using var db = store.NewContext();
        var claims = Claimant(db, instance);
        var now = store.Time.GetUtcNow();
        var lease = claims.NewLease(now);
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
            var lease = claims.NewLease(now);
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
