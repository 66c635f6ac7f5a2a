using Xunit.Abstractions;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>
/// Twenty SIGKILLs at seeded random points of one long drain (before the first CRM call, or after a random number of
/// batch creates), against a HubSpot portal that does not enforce sync-key uniqueness on activities: every touch
/// reaches the CRM once, none twice, nothing accepted is lost. On SQLite one instance is killed and restarted; on
/// PostgreSQL three instances share the database and a random one is killed and restarted each time.
/// </summary>
public sealed class KillDrillTests(ITestOutputHelper output)
{
    private const int Contacts = 400;
    private const int Kills = 20;
    private const string SyncKey = "ccs_sync_key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Twenty_kills_during_a_long_drain_on_SQLite_leave_every_touch_written_exactly_once()
    {
        using var folder = new TempFolder();
        using var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 0, EnforceActivityUniqueness = false });
        using var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 2, Contacts = 0 });
        var contacts = Enumerable.Range(0, Contacts).Select(i => HubSpotContacts.Add(hubSpot, 80, $"Kill{i}")).ToList();
        CrashDrillSettings.WriteTo(folder.Path);
        string[] common = [.. SandboxSettings.Args(hubSpot, salesforce), "--Connections:hubspot:SearchIndexLag=00:00:00.001", "--Connections:hubspot:MaxBatchSize=10"];

        var creates = 0;
        var target = int.MaxValue;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hubSpot.Server.LogEntriesChanged += (_, e) =>
        {
            foreach (var entry in e.NewItems?.OfType<WireMock.Logging.ILogEntry>() ?? [])
            {
                if (entry.RequestMessage?.Method == "POST" && entry.RequestMessage.Path.EndsWith("/batch/create", StringComparison.Ordinal)
                    && Interlocked.Increment(ref creates) >= Volatile.Read(ref target))
                {
                    Volatile.Read(ref reached).TrySetResult();
                }
            }
        };

        var random = new Random(2026);
        for (var kill = 0; kill < Kills; kill++)
        {
            // Some kills land while the worker is still polling, enrolling or queueing; the rest after 1 to 8 batch creates.
            var after = random.Next(0, 9);
            Volatile.Write(ref reached, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Volatile.Write(ref target, Volatile.Read(ref creates) + after);
            using var worker = WorkerProcess.Start(folder.Path, [.. common, "--Urls=http://127.0.0.1:0"]);
            await worker.Listening.WaitAsync(Patience);
            if (after > 0)
            {
                try
                {
                    await reached.Task.WaitAsync(Patience);
                }
                catch (TimeoutException)
                {
                    Assert.Fail($"Kill {kill + 1}: the drain stopped before {after} more batch creates.{Environment.NewLine}{worker.Output}");
                }
            }

            await worker.KillAsync();
            Volatile.Write(ref target, int.MaxValue);
        }

        var tasksAtLastKill = hubSpot.Portal.Records("tasks").Count;
        output.WriteLine($"After {Kills} kills: {tasksAtLastKill} of {Contacts * CrashDrillSettings.TasksPerContact} tasks in HubSpot, {Volatile.Read(ref creates)} batch creates sent.");
        Assert.InRange(tasksAtLastKill, 1, (Contacts * CrashDrillSettings.TasksPerContact) - 1);

        // A final run finishes the drain.
        using (var finish = WorkerProcess.Start(folder.Path, [.. common, "--once"]))
        {
            Assert.True(await finish.WaitForExitAsync(Patience) == 0, $"The final --once cycle failed:{Environment.NewLine}{finish.Output}");
        }

        await using (var atEnd = OpenStore(folder))
        {
            var outbox = await atEnd.Outbox.AsNoTracking().GroupBy(o => new { o.WriteType, o.State }).Select(g => new { g.Key.WriteType, g.Key.State, Count = g.Count() }).ToListAsync();
            var enrollments = await atEnd.Enrollments.AsNoTracking().GroupBy(e => new { e.State, e.NextStepIndex }).Select(g => new { g.Key.State, g.Key.NextStepIndex, Count = g.Count() }).ToListAsync();
            output.WriteLine($"Outbox: {string.Join(", ", outbox.Select(o => $"{o.WriteType}/{o.State}: {o.Count}"))}");
            output.WriteLine($"Enrollments: {string.Join(", ", enrollments.Select(e => $"{e.State}@{e.NextStepIndex}: {e.Count}"))}");
            output.WriteLine($"Inbox unprocessed: {await atEnd.InboxEvents.CountAsync(e => e.ProcessedAt == null)}, contacts stored: {await atEnd.Contacts.CountAsync()}");
        }

        var tasks = hubSpot.Portal.Records("tasks");
        var notes = hubSpot.Portal.Records("notes");
        var duplicates = tasks.Count - tasks.Select(t => t[SyncKey]).Distinct().Count() + notes.Count - notes.Select(n => n[SyncKey]).Distinct().Count();
        output.WriteLine($"After the final run: {tasks.Count} tasks, {notes.Count} notes, {duplicates} duplicates.");
        Assert.Equal(0, duplicates);
        Assert.Equal(Contacts * CrashDrillSettings.TasksPerContact, tasks.Count);
        Assert.All(contacts, id => Assert.Equal(CrashDrillSettings.TasksPerContact, HubSpotContacts.ActivitiesOf(hubSpot, "tasks", id).Count));
        Assert.Equal(Contacts * 2, notes.Count); // "enrolled" and "completed" per contact

        await using var store = OpenStore(folder);
        Assert.Equal(0, await store.InboxEvents.CountAsync(e => e.ProcessedAt == null));
        Assert.Equal(0, await store.Outbox.CountAsync(o => o.Connection == "hubspot" && o.State != "Sent" && o.State != "Superseded"));
        Assert.Empty(await store.DeadLetters.ToListAsync());
    }

    [PostgresFact]
    public async Task Twenty_kills_of_random_instances_of_three_on_PostgreSQL_leave_every_touch_written_exactly_once()
    {
        const int instances = 3;
        await using var database = await PostgresDatabase.CreateAsync();
        using var folder = new TempFolder();
        using var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 0, EnforceActivityUniqueness = false, SearchRequestsPerSecond = 100 });
        using var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 0, Contacts = 0 });
        var contacts = Enumerable.Range(0, Contacts).Select(i => HubSpotContacts.Add(hubSpot, 90, $"Kill{i}")).ToList();
        ClusterDrillSettings.WriteTo(folder.Path, database.ConnectionString);
        string[] Args(int instance) =>
        [
            .. SandboxSettings.Args(hubSpot, salesforce),
            "--Urls=http://127.0.0.1:0",
            $"--Cluster:InstanceId=worker-{instance + 1}",
            // Shared by the three instances through the database: the drain lasts about a minute, the kills fall in it.
            "--Connections:hubspot:RequestsPer10Seconds=60",
            "--Connections:hubspot:SearchRequestsPerSecond=50",
            "--Connections:hubspot:MaxBatchSize=10",
            "--Connections:hubspot:SearchIndexLag=00:00:00.001",
        ];

        var creates = 0;
        var target = int.MaxValue;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hubSpot.Server.LogEntriesChanged += (_, e) =>
        {
            foreach (var entry in e.NewItems?.OfType<WireMock.Logging.ILogEntry>() ?? [])
            {
                if (entry.RequestMessage?.Method == "POST" && entry.RequestMessage.Path.EndsWith("/batch/create", StringComparison.Ordinal)
                    && Interlocked.Increment(ref creates) >= Volatile.Read(ref target))
                {
                    Volatile.Read(ref reached).TrySetResult();
                }
            }
        };

        var workers = Enumerable.Range(0, instances).Select(i => WorkerProcess.Start(folder.Path, Args(i))).ToArray();
        try
        {
            await Task.WhenAll(workers.Select(w => w.Listening)).WaitAsync(Patience);
            var random = new Random(2026);
            for (var kill = 0; kill < Kills; kill++)
            {
                var victim = random.Next(instances);
                var after = random.Next(0, 9);
                if (after > 0)
                {
                    Volatile.Write(ref reached, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    Volatile.Write(ref target, Volatile.Read(ref creates) + after);
                    try
                    {
                        await reached.Task.WaitAsync(Patience);
                    }
                    catch (TimeoutException)
                    {
                        Assert.Fail($"Kill {kill + 1}: the drain stopped before {after} more batch creates ({Volatile.Read(ref creates)} sent, "
                            + $"{hubSpot.Portal.Records("tasks").Count} tasks, {hubSpot.Portal.Records("notes").Count} notes; {await ProgressAsync(database)}).{Environment.NewLine}"
                            + string.Join(Environment.NewLine, workers.Select(w => w.Output)));
                    }
                }

                // Restarted at once, and not waited for: the next kill may find it still starting.
                await workers[victim].KillAsync();
                workers[victim].Dispose();
                workers[victim] = WorkerProcess.Start(folder.Path, Args(victim));
                Volatile.Write(ref target, int.MaxValue);
            }

            output.WriteLine($"After {Kills} kills: {hubSpot.Portal.Records("tasks").Count} of {Contacts * CrashDrillSettings.TasksPerContact} tasks in HubSpot, {Volatile.Read(ref creates)} batch creates sent.");

            // The survivors finish the drain, taking over what the killed instances held once its leases ran out.
            const string unfinished = """
                SELECT (SELECT count(*) FROM "InboxEvents" WHERE "ProcessedAt" IS NULL) + (SELECT count(*) FROM "Outbox" WHERE "State" = 'Pending')
                """;
            try
            {
                await database.WaitForAsync(
                    ["InboxEvents", "Outbox"],
                    async c => hubSpot.Portal.Records("notes").Count >= Contacts * 2 && await CountAsync(c, unfinished) == 0,
                    Patience * 2);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                Assert.Fail($"Gave up after {2 * Patience.TotalSeconds:F0} s: {hubSpot.Portal.Records("tasks").Count} tasks, {hubSpot.Portal.Records("notes").Count} notes; {await ProgressAsync(database)}.");
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }

        var tasks = hubSpot.Portal.Records("tasks");
        var notes = hubSpot.Portal.Records("notes");
        var duplicates = tasks.Count - tasks.Select(t => t[SyncKey]).Distinct().Count() + notes.Count - notes.Select(n => n[SyncKey]).Distinct().Count();
        output.WriteLine($"After the drain: {tasks.Count} tasks, {notes.Count} notes, {duplicates} duplicates.");
        Assert.Equal(0, duplicates);
        Assert.Equal(Contacts * CrashDrillSettings.TasksPerContact, tasks.Count);
        Assert.All(contacts, id => Assert.Equal(CrashDrillSettings.TasksPerContact, HubSpotContacts.ActivitiesOf(hubSpot, "tasks", id).Count));
        Assert.Equal(Contacts * 2, notes.Count);
        await using var store = new PostgresCadenceDbContext(new DbContextOptionsBuilder<PostgresCadenceDbContext>().UseNpgsql(database.ConnectionString).Options);
        Assert.Empty(await store.DeadLetters.ToListAsync());
    }

    private static async Task<string> ProgressAsync(PostgresDatabase database)
    {
        await using var store = new PostgresCadenceDbContext(new DbContextOptionsBuilder<PostgresCadenceDbContext>().UseNpgsql(database.ConnectionString).Options);
        var outbox = await store.Outbox.AsNoTracking().GroupBy(o => new { o.WriteType, o.State }).Select(g => new { g.Key.WriteType, g.Key.State, Count = g.Count() }).ToListAsync();
        var inbox = await store.InboxEvents.CountAsync(e => e.ProcessedAt == null);
        var enrollments = await store.Enrollments.CountAsync();
        return $"inbox unprocessed {inbox}, enrollments {enrollments}, outbox {string.Join(", ", outbox.Select(o => $"{o.WriteType}/{o.State} {o.Count}"))}";
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static SqliteCadenceDbContext OpenStore(TempFolder folder) =>
        new(new DbContextOptionsBuilder<SqliteCadenceDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.Path, "data", "crash.db"), Pooling = false }.ToString())
            .Options);
}
