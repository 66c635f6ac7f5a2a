using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>
/// Three worker processes share one fresh PostgreSQL database and one HubSpot sandbox (in this process, 10,000 seeded
/// contacts); one of them is killed with SIGKILL while the touches are being written.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const int Instances = 3;
    private const int WebhookContacts = 30;
    private const int MaxBatchSize = 100;
    private const string SyncKey = "ccs_sync_key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task Three_instances_write_every_due_touch_exactly_once_survive_a_SIGKILL_and_process_webhooks_sent_to_any_of_them()
    {
        var clock = Stopwatch.StartNew();
        await using var database = await PostgresDatabase.CreateAsync();
        using var folder = new TempFolder();
        using var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 10_000, SearchRequestsPerSecond = 100 });
        Assert.Equal(10_000, hubSpot.Portal.Records("contacts").Count);
        var eligible = hubSpot.Portal.Records("contacts").Select(Score).Where(s => s is not null).ToList();
        var expectedContacts = eligible.Count(s => s >= ClusterDrillSettings.MinScore) + WebhookContacts;
        var later = eligible.Count - expectedContacts + WebhookContacts;
        var expectedTasks = expectedContacts * ClusterDrillSettings.TasksPerContact;
        var expectedNotes = (expectedContacts * 2) + later; // hot: "enrolled" and "completed"; later: "enrolled"
        ClusterDrillSettings.WriteTo(folder.Path, database.ConnectionString);

        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var everything = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hubSpot.Server.LogEntriesChanged += (_, _) => Check();
        HashSet<string> inKilledHands = [];
        var victim = 1;
        var workers = Enumerable.Range(0, Instances).Select(i => WorkerProcess.Start(folder.Path, Args(hubSpot, i))).ToList();
        try
        {
            var addresses = await Task.WhenAll(workers.Select(w => w.Listening)).WaitAsync(Patience);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: three instances listening; {expectedContacts - WebhookContacts} of 10,000 contacts due {expectedTasks} tasks in all.");

            // New hot contacts announced by webhooks, round-robin over the three instances.
            var announced = Enumerable.Range(0, WebhookContacts).Select(i => HubSpotContacts.Add(hubSpot, 90, $"Hook{i}")).ToList();
            for (var i = 0; i < Instances; i++)
            {
                var events = announced.Where((_, n) => n % Instances == i).Select(id => hubSpot.Webhooks.Event("contact.creation", id)).ToList();
                using var answer = await hubSpot.Webhooks.SendAsync(new Uri(addresses[i], "webhooks/hubspot"), events, CancellationToken.None);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }

            // Once the first tasks are in HubSpot: the instance running the clustered poll, if one still is (so that
            // Quartz must recover its job on another instance), else the second one.
            await underWay.Task.WaitAsync(Patience);
            var poller = await PollingInstanceAsync(database);
            victim = poller ?? victim;
            await workers[victim].KillAsync();
            var tasksAtKill = hubSpot.Portal.Records("tasks").Count;
            await using (var atKill = OpenStore(database))
            {
                inKilledHands = [.. await atKill.Outbox.Where(o => o.ClaimedBy == InstanceId(victim)).Select(o => o.IdempotencyKey).ToListAsync()];
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {InstanceId(victim)} killed{(poller is null ? "" : " in the middle of the poll")} with {tasksAtKill} of {expectedTasks} tasks in HubSpot and {inKilledHands.Count} outbox rows claimed.");
            Assert.InRange(tasksAtKill, 1, expectedTasks - 1);

            await everything.Task.WaitAsync(Patience);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: every task and note is in HubSpot; stopping the survivors.");
            foreach (var survivor in workers.Where((_, i) => i != victim))
            {
                Assert.True(await survivor.StopAsync(Patience) == 0, $"A survivor did not stop cleanly:{Environment.NewLine}{survivor.Output}");
            }
        }
        catch
        {
            workers.ForEach(w => output.WriteLine(w.Output));
            throw;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        // HubSpot: every due touch stored exactly once under its sync key; sent more than once only when it was in the
        // killed instance's hands (a create it may have sent and never recorded: sent again, HubSpot refuses the
        // duplicate sync key and the record is found by it).
        var tasks = hubSpot.Portal.Records("tasks");
        Assert.Equal(expectedTasks, tasks.Count);
        Assert.All(tasks.GroupBy(t => t[SyncKey]), g => Assert.Single(g));
        var notes = hubSpot.Portal.Records("notes");
        Assert.Equal(expectedNotes, notes.Count);
        Assert.All(notes.GroupBy(n => n[SyncKey]), g => Assert.Single(g));
        var sent = CreateInputs(hubSpot, "tasks").CountBy(key => key).ToList();
        Assert.Equal(expectedTasks, sent.Count);
        var resent = sent.Where(s => s.Value > 1).Select(s => s.Key).ToList();
        output.WriteLine($"Task creates sent more than once: {resent.Count} (only rows the killed instance held may be).");
        Assert.All(resent, key => Assert.Contains(key, inKilledHands));

        await using var store = OpenStore(database);
        var writes = await store.Outbox.AsNoTracking().Where(o => o.WriteType == "Task").ToListAsync();
        Assert.Equal(expectedTasks, writes.Count);
        Assert.All(writes, o => Assert.Equal("Sent", o.State));
        Assert.Equal(
            writes.Select(o => (o.IdempotencyKey, o.CrmId)).Order(),
            tasks.Select(t => (t[SyncKey]!, (string?)t.Id.ToString(CultureInfo.InvariantCulture))).Order());
        Assert.Equal(expectedTasks, await store.StepRuns.CountAsync(r => r.Outcome == "Written"));
        var enrollments = await store.Enrollments.AsNoTracking().ToListAsync();
        Assert.Equal(expectedContacts, enrollments.Count(e => e.CadenceId == "crash-drill"));
        Assert.All(enrollments.Where(e => e.CadenceId == "crash-drill"), e => Assert.Equal("Completed", e.State));
        Assert.Equal(later, enrollments.Count(e => e.CadenceId == "later" && e.State == "Active"));

        // Webhooks: each stored once, whichever instance took it, and processed.
        var inbox = await store.InboxEvents.AsNoTracking().ToListAsync();
        Assert.All(inbox, e => Assert.True(e.ProcessedAt is not null, $"Inbox event {e.DedupeKey} was never processed."));
        var hooks = inbox.Where(e => !e.DedupeKey.StartsWith("poll:", StringComparison.Ordinal)).ToList();
        Assert.Equal(WebhookContacts, hooks.Count);
        Assert.Equal(WebhookContacts, hooks.Select(e => e.ContactCrmId).Distinct().Count());
        Assert.Empty(await store.DeadLetters.ToListAsync());
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s in all.");

        void Check()
        {
            var written = hubSpot.Portal.Records("tasks").Count;
            if (written >= expectedTasks / 20)
            {
                underWay.TrySetResult();
            }

            if (written == expectedTasks && hubSpot.Portal.Records("notes").Count == expectedNotes)
            {
                everything.TrySetResult();
            }
        }
    }

    /// <summary>The score of a seeded contact the drill's rule set enrolls (scored, reachable by email, not paused), else null.</summary>
    private static decimal? Score(HubSpotRecord contact) =>
        decimal.TryParse(contact["hubspotscore"], NumberStyles.Number, CultureInfo.InvariantCulture, out var score)
        && contact["hs_email_optout"] != "true"
        && contact["hs_email_bounce"] != "1"
        && !ClusterDrillSettings.PausedStages.Contains(contact["lifecyclestage"])
            ? score
            : null;

    private static List<string> Args(HubSpotSandbox hubSpot, int instance) =>
    [
        "--Urls=http://127.0.0.1:0",
        $"--Cluster:InstanceId={InstanceId(instance)}",
        "--Sandbox:Enabled=false",
        "--Connections:salesforce:Enabled=false",
        $"--Connections:hubspot:BaseUrl={hubSpot.Url.AbsoluteUri}",
        $"--Connections:hubspot:AccessToken={hubSpot.Options.AccessToken}",
        $"--Connections:hubspot:WebhookSecret={hubSpot.Options.WebhookSecret}",
        "--Connections:hubspot:RequestsPer10Seconds=1000",
        "--Connections:hubspot:SearchRequestsPerSecond=50",
        $"--Connections:hubspot:MaxBatchSize={MaxBatchSize}",
    ];

    private static string InstanceId(int index) => $"worker-{index + 1}";

    /// <summary>The index of the instance Quartz's cluster shows running a poll job right now, if any.</summary>
    private static async Task<int?> PollingInstanceAsync(PostgresDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT instance_name FROM qrtz_fired_triggers WHERE job_group = 'poll' AND state = 'EXECUTING'", connection);
        return await query.ExecuteScalarAsync() is string instance ? int.Parse(instance["worker-".Length..], CultureInfo.InvariantCulture) - 1 : null;
    }

    /// <summary>The sync key of every input of every create call the sandbox received for an object type.</summary>
    private static IEnumerable<string> CreateInputs(HubSpotSandbox hubSpot, string objectType) =>
        hubSpot.Server.LogEntries
            .Where(e => e.RequestMessage?.Path.EndsWith($"/{objectType}/batch/create", StringComparison.Ordinal) == true)
            .SelectMany(e => JsonNode.Parse(e.RequestMessage!.Body!)!["inputs"]!.AsArray())
            .Select(input => input!["properties"]![SyncKey]!.GetValue<string>());

    private static PostgresCadenceDbContext OpenStore(PostgresDatabase database) =>
        new(new DbContextOptionsBuilder<PostgresCadenceDbContext>().UseNpgsql(database.ConnectionString).Options);
}
