using System.Globalization;
using System.Net;
using Xunit.Abstractions;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>
/// The worker is a real child process killed with SIGKILL in the middle of an outbox drain; the sandboxes live in the
/// test process, so what the CRMs received survives the kill and is counted after the restart.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Contacts = 150;
    private const int ContactsAnnouncedBeforeKill = 10;
    private const string SyncKey = "ccs_sync_key";
    private static readonly string[] ActivityTypes = ["tasks", "notes"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <param name="enforced">
    /// Whether the portal refuses a second record with the same sync key on tasks and notes (HubSpot does not document
    /// it); where it does not, only the worker's look-up before a resend keeps the records single.
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Killed_mid_drain_and_restarted_the_worker_writes_exactly_one_CRM_record_per_due_touch_and_processes_every_accepted_webhook(bool enforced)
    {
        using var folder = new TempFolder();
        using var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 0, TimeoutHold = TimeSpan.FromSeconds(20), EnforceActivityUniqueness = enforced });
        using var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 2 });
        var contacts = Enumerable.Range(0, Contacts).Select(i => HubSpotContacts.Add(hubSpot, 80, $"Drill{i}")).ToList();
        CrashDrillSettings.WriteTo(folder.Path);

        // The sandbox's search index has no lag, and the worker is told so.
        string[] common = [.. SandboxSettings.Args(hubSpot, salesforce), "--Connections:hubspot:SearchIndexLag=00:00:00.001"];

        // As soon as the first batch of tasks has reached HubSpot, the next batch create is stored and its answer
        // held back: the worker is then mid-drain with some tasks in the CRM, none of them recorded as sent.
        var firstTasks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hubSpot.Server.LogEntriesChanged += (_, _) =>
        {
            if (!firstTasks.Task.IsCompleted && hubSpot.Portal.Records("tasks").Count > 0)
            {
                hubSpot.Faults.TimeoutAfterStore();
                firstTasks.TrySetResult();
            }
        };

        var message = salesforce.CreateOutboundMessage(salesforce.Org.Leads[0].Id);
        using (var worker = WorkerProcess.Start(folder.Path, [.. common, "--Urls=http://127.0.0.1:0", "--Connections:hubspot:MaxBatchSize=25"]))
        {
            var address = await worker.Listening.WaitAsync(Patience);
            await firstTasks.Task.WaitAsync(Patience);
            await hubSpot.Faults.TimeoutHeld.WaitAsync(Patience);

            // Webhooks accepted just before the kill: new hot contacts in HubSpot, and a Salesforce Outbound Message.
            // Their processing cannot finish before the kill: the enrollments table is away, the inbox is not.
            await RenameAsync(folder, "Enrollments", "Enrollments_away");
            var announced = Enumerable.Range(0, ContactsAnnouncedBeforeKill).Select(i => HubSpotContacts.Add(hubSpot, 90, $"Late{i}")).ToList();
            contacts.AddRange(announced);
            using (var hooks = await hubSpot.Webhooks.SendAsync(
                new Uri(address, "webhooks/hubspot"), [.. announced.Select(id => hubSpot.Webhooks.Event("contact.creation", id))], CancellationToken.None))
            {
                Assert.Equal(HttpStatusCode.OK, hooks.StatusCode);
            }

            var ack = await SalesforceSandbox.DeliverAsync(new Uri(address, "webhooks/salesforce"), message, CancellationToken.None);
            Assert.Contains("<Ack>true</Ack>", ack.Body, StringComparison.Ordinal);

            await worker.KillAsync();
        }

        var expectedHubSpotTasks = contacts.Count * CrashDrillSettings.TasksPerContact;
        var tasksAtKill = hubSpot.Portal.Records("tasks").Count;
        Assert.InRange(tasksAtKill, 1, expectedHubSpotTasks - 1);
        await using (var db = OpenStore(folder))
        {
            var unsent = await db.Outbox.CountAsync(o => o.Connection == "hubspot" && o.WriteType == "Task" && o.State == "Pending");
            Assert.True(unsent > 0, "The kill should leave task writes unsent in the outbox.");
            var unprocessed = await db.InboxEvents.CountAsync(e => e.ProcessedAt == null);
            output.WriteLine($"At the kill: {tasksAtKill} of {expectedHubSpotTasks} HubSpot tasks stored, {unsent} task writes pending, {unprocessed} inbox events unprocessed.");
            Assert.True(unprocessed >= ContactsAnnouncedBeforeKill + 1, $"The webhooks accepted just before the kill should still be unprocessed ({unprocessed} are).");
        }

        await RenameAsync(folder, "Enrollments_away", "Enrollments");
        using (var restart = WorkerProcess.Start(folder.Path, [.. common, "--once"]))
        {
            Assert.True(await restart.WaitForExitAsync(Patience) == 0, $"The restarted --once cycle failed:{Environment.NewLine}{restart.Output}");
        }

        await using var store = OpenStore(folder);
        var inbox = await store.InboxEvents.AsNoTracking().ToListAsync();
        Assert.All(inbox, e => Assert.True(e.ProcessedAt is not null, $"Inbox event {e.DedupeKey} was accepted but never processed."));
        Assert.Contains(inbox, e => e.Connection == "salesforce" && e.DedupeKey == message.NotificationIds[0]);
        Assert.Equal(ContactsAnnouncedBeforeKill, inbox.Count(e => e.Connection == "hubspot" && !e.DedupeKey.StartsWith("poll:", StringComparison.Ordinal)));

        // HubSpot: every contact's three touches, each exactly once, each the outbox's recorded write.
        var hubSpotTasks = hubSpot.Portal.Records("tasks");
        var duplicates = ActivityTypes.Sum(t => hubSpot.Portal.Records(t).Count - hubSpot.Portal.Records(t).Select(r => r[SyncKey]).Distinct().Count());
        output.WriteLine($"After the restart (uniqueness {(enforced ? "enforced" : "not enforced")}): {hubSpotTasks.Count} HubSpot tasks for {expectedHubSpotTasks} touches, {duplicates} duplicate tasks and notes.");
        Assert.Equal(expectedHubSpotTasks, hubSpotTasks.Count);
        Assert.All(hubSpotTasks.GroupBy(t => t[SyncKey]), g => Assert.Single(g));
        Assert.All(contacts, id => Assert.Equal(CrashDrillSettings.TasksPerContact, HubSpotContacts.ActivitiesOf(hubSpot, "tasks", id).Count));
        var hubSpotWrites = await store.Outbox.AsNoTracking().Where(o => o.Connection == "hubspot" && o.WriteType == "Task").ToListAsync();
        Assert.All(hubSpotWrites, o => Assert.Equal("Sent", o.State));
        Assert.Equal(
            hubSpotWrites.Select(o => (o.IdempotencyKey, o.CrmId)).Order(),
            hubSpotTasks.Select(t => (t[SyncKey]!, (string?)t.Id.ToString(CultureInfo.InvariantCulture))).Order());
        var notes = hubSpot.Portal.Records("notes");
        Assert.All(notes.GroupBy(n => n[SyncKey]), g => Assert.Single(g));
        Assert.Equal(contacts.Count * 2, notes.Count); // "enrolled" and "completed" per contact

        // Salesforce: one Task per queued touch under its sync key.
        var salesforceTasks = salesforce.Org.Tasks;
        Assert.All(salesforceTasks.GroupBy(t => t["CCS_Sync_Key__c"]), g => Assert.Single(g));
        var salesforceWrites = await store.Outbox.AsNoTracking().Where(o => o.Connection == "salesforce" && o.WriteType != "ContactStatus").ToListAsync();
        Assert.All(salesforceWrites, o => Assert.Equal("Sent", o.State));
        Assert.Equal(salesforceWrites.Select(o => o.IdempotencyKey).Order(), salesforceTasks.Select(t => (string)t["CCS_Sync_Key__c"]!).Order());
        Assert.Empty(await store.DeadLetters.ToListAsync());
    }

    private static async Task RenameAsync(TempFolder folder, string table, string to)
    {
        await using var connection = new SqliteConnection(StoreConnectionString(folder));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER TABLE \"{table}\" RENAME TO \"{to}\";";
        await command.ExecuteNonQueryAsync();
    }

    private static string StoreConnectionString(TempFolder folder) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.Path, "data", "crash.db"), Pooling = false }.ToString();

    private static SqliteCadenceDbContext OpenStore(TempFolder folder) =>
        new(new DbContextOptionsBuilder<SqliteCadenceDbContext>()
            .UseSqlite(StoreConnectionString(folder))
            .Options);
}
