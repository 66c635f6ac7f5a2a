using Xunit.Abstractions;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>
/// Twenty SIGKILLs at seeded random points of one long drain (before the first CRM call, or after a random number of
/// batch creates), against a HubSpot portal that does not enforce sync-key uniqueness on activities: every touch
/// reaches the CRM once, none twice, nothing accepted is lost.
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

    private static SqliteCadenceDbContext OpenStore(TempFolder folder) =>
        new(new DbContextOptionsBuilder<SqliteCadenceDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.Path, "data", "crash.db"), Pooling = false }.ToString())
            .Options);
}
