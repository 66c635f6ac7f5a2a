using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>
/// Three worker processes share one fresh PostgreSQL database, one HubSpot sandbox and one Salesforce sandbox (both in
/// this process, 10,000 seeded contacts between them); one instance is killed with SIGKILL while touches are being
/// written to both CRMs.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const int Instances = 3;
    private const int HubSpotSeeded = 5_000;
    private const int SalesforceSeededLeads = 2_500;
    private const int SalesforceSeededContacts = 2_500;
    private const int WebhookContacts = 30;
    private const int MaxBatchSize = 100;
    private const string HubSpotSyncKey = "ccs_sync_key";
    private const string SalesforceSyncKey = "CCS_Sync_Key__c";
    private const string Unfinished = """
        SELECT (SELECT count(*) FROM "InboxEvents" WHERE "ProcessedAt" IS NULL) + (SELECT count(*) FROM "Outbox" WHERE "State" = 'Pending')
        """;
    private const string SalesforceClaimant = """
        SELECT "ClaimedBy" FROM "Outbox" WHERE "Connection" = 'salesforce' AND "LeaseUntil" > now()
        GROUP BY "ClaimedBy" ORDER BY count(*) DESC LIMIT 1
        """;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <param name="enforced">Whether the HubSpot portal refuses a second task or note with the same sync key (not documented by HubSpot).</param>
    [PostgresTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Three_instances_write_every_due_touch_to_HubSpot_and_Salesforce_exactly_once_survive_a_SIGKILL_and_process_webhooks_sent_to_any_of_them(bool enforced)
    {
        var clock = Stopwatch.StartNew();
        await using var database = await PostgresDatabase.CreateAsync();
        using var folder = new TempFolder();
        using var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = HubSpotSeeded, SearchRequestsPerSecond = 100, EnforceActivityUniqueness = enforced });
        using var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = SalesforceSeededLeads, Contacts = SalesforceSeededContacts });
        Assert.Equal(HubSpotSeeded + SalesforceSeededLeads + SalesforceSeededContacts, hubSpot.Portal.Records("contacts").Count + salesforce.Org.Leads.Count + salesforce.Org.Contacts.Count);
        var hubSpotDue = DrillExpectation.For([.. hubSpot.Portal.Records("contacts").Select(Enrolled).OfType<(decimal, bool)>()], WebhookContacts);
        var salesforceDue = DrillExpectation.For([.. salesforce.Org.Leads.Concat(salesforce.Org.Contacts).Select(Enrolled).OfType<(decimal, bool)>()], WebhookContacts);
        ClusterDrillSettings.WriteTo(folder.Path, database.ConnectionString);

        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var everything = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hubSpot.Server.LogEntriesChanged += (_, _) => Check();
        salesforce.Server.LogEntriesChanged += (_, _) => Check();
        HashSet<string> inKilledHands = [];
        List<string> outbound = [];
        int victim;
        var workers = Enumerable.Range(0, Instances).Select(i => WorkerProcess.Start(folder.Path, Args(hubSpot, salesforce, i))).ToList();
        try
        {
            var addresses = await Task.WhenAll(workers.Select(w => w.Listening)).WaitAsync(Patience);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: three instances listening; due: HubSpot {Describe(hubSpotDue)}; Salesforce {Describe(salesforceDue)}.");

            // New hot contacts announced round-robin over the three instances: HubSpot webhooks, and Salesforce
            // Outbound Messages, each delivered again to the next instance as Salesforce redelivers a missed Ack.
            var announced = Enumerable.Range(0, WebhookContacts).Select(i => HubSpotContacts.Add(hubSpot, 90, $"Hook{i}")).ToList();
            outbound = [.. Enumerable.Range(0, WebhookContacts)
                .Select(i => SalesforceContacts.Add(salesforce, i % 2 == 0 ? SalesforceOrgState.Lead : SalesforceOrgState.Contact, 90, $"Message{i}").Id)];
            for (var i = 0; i < Instances; i++)
            {
                var events = announced.Where((_, n) => n % Instances == i).Select(id => hubSpot.Webhooks.Event("contact.creation", id)).ToList();
                using var answer = await hubSpot.Webhooks.SendAsync(new Uri(addresses[i], "webhooks/hubspot"), events, CancellationToken.None);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

                var message = salesforce.CreateOutboundMessage([.. outbound.Where((_, n) => n % Instances == i)]);
                foreach (var to in (int[])[i, (i + 1) % Instances])
                {
                    var (status, body) = await SalesforceSandbox.DeliverAsync(new Uri(addresses[to], "webhooks/salesforce"), message, CancellationToken.None);
                    Assert.Equal(HttpStatusCode.OK, status);
                    Assert.Contains("<Ack>true</Ack>", body, StringComparison.Ordinal);
                }
            }

            // Once tasks are reaching both CRMs: the instance running a clustered poll, if one still is (so that Quartz
            // must recover its job on another instance), else the next one seen holding Salesforce outbox rows.
            await underWay.Task.WaitAsync(Patience);
            var poller = await PollingInstanceAsync(database);
            int? holder = null;
            if (poller is null)
            {
                await database.WaitForAsync(["Outbox"], async c => (holder = await SalesforceHolderAsync(c)) is not null, Patience);
            }

            victim = poller ?? holder!.Value;
            await workers[victim].KillAsync();
            var hubSpotAtKill = hubSpot.Portal.Records("tasks").Count;
            var salesforceAtKill = SalesforceTasks(salesforce).Count;
            List<(string Connection, string Key)> held;
            await using (var atKill = OpenStore(database))
            {
                held = [.. (await atKill.Outbox.Where(o => o.ClaimedBy == InstanceId(victim)).Select(o => new { o.Connection, o.IdempotencyKey }).ToListAsync())
                    .Select(o => (o.Connection, o.IdempotencyKey))];
            }

            inKilledHands = [.. held.Select(h => h.Key)];
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {InstanceId(victim)} killed{(poller is null ? "" : " in the middle of a poll")} with {hubSpotAtKill} of {hubSpotDue.Tasks} tasks in HubSpot "
                + $"and {salesforceAtKill} of {salesforceDue.Tasks} in Salesforce; outbox rows it held: HubSpot {held.Count(h => h.Connection == "hubspot")}, Salesforce {held.Count(h => h.Connection == "salesforce")}.");
            Assert.InRange(hubSpotAtKill, 1, hubSpotDue.Tasks - 1);
            Assert.InRange(salesforceAtKill, 1, salesforceDue.Tasks - 1);

            try
            {
                await everything.Task.WaitAsync(Patience);

                // The last status writes may still be queued; and a batch an instance gave up (a conflict with another
                // instance's commit) is retried once its lease runs out, whether or not the CRMs lack anything from it.
                await database.WaitForAsync(["InboxEvents", "Outbox"], async c => await CountAsync(c, Unfinished) == 0, Patience);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                Assert.Fail($"Gave up after {Patience.TotalSeconds:F0} s waiting for every touch, inbox event and outbox row: {await ProgressAsync()}");
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: every task and note is in both CRMs; stopping the survivors.");
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

        // A live instance losing rows to another (its lease ran out while it was still sending) shows in its log.
        foreach (var (worker, i) in workers.Select((w, i) => (w, i)))
        {
            var lines = worker.Output.Split('\n').Where(l => l.Contains("taken over", StringComparison.Ordinal) || l.Contains("renewing the claim", StringComparison.Ordinal)).ToList();
            output.WriteLine($"{InstanceId(i)}: {lines.Count} log lines about claims taken over or not renewed{(lines.Count > 0 ? ":" + Environment.NewLine + string.Join(Environment.NewLine, lines.Take(5)) : ".")}");

            // A batch that failed after sending leaves its rows claimed until the lease runs out, and then sends them again.
            var all = worker.Output.Split('\n');
            var failures = all.Select((l, n) => (l, n)).Where(x => x.l.StartsWith("fail:", StringComparison.Ordinal)).Take(3)
                .Select(x => string.Join(Environment.NewLine, all.Skip(x.n).Take(4))).ToList();
            output.WriteLine($"{InstanceId(i)}: {all.Count(l => l.StartsWith("fail:", StringComparison.Ordinal))} error log entries{(failures.Count > 0 ? "; first ones:" + Environment.NewLine + string.Join(Environment.NewLine, failures) : ".")}");
        }

        await using var store = OpenStore(database);
        var outbox = await store.Outbox.AsNoTracking().ToListAsync();
        var enrollments = await store.Enrollments.AsNoTracking().ToListAsync();
        var written = await store.StepRuns.AsNoTracking().Where(r => r.Outcome == "Written")
            .Join(store.Enrollments, r => r.EnrollmentId, e => e.Id, (r, e) => e.Connection).ToListAsync();

        // HubSpot: every due touch stored exactly once under its sync key; sent more than once only when it was in the
        // killed instance's hands (a create it may have sent and never recorded: sent again, HubSpot refuses the
        // duplicate sync key and the record is found by it).
        var tasks = hubSpot.Portal.Records("tasks");
        var duplicates = tasks.Count - tasks.Select(t => t[HubSpotSyncKey]).Distinct().Count()
            + hubSpot.Portal.Records("notes").Count - hubSpot.Portal.Records("notes").Select(n => n[HubSpotSyncKey]).Distinct().Count();
        output.WriteLine($"Uniqueness {(enforced ? "enforced" : "not enforced")}: {tasks.Count} HubSpot tasks for {hubSpotDue.Tasks} touches, {duplicates} duplicate tasks and notes.");
        Assert.Equal(hubSpotDue.Tasks, tasks.Count);
        Assert.All(tasks.GroupBy(t => t[HubSpotSyncKey]), g => Assert.Single(g));
        var notes = hubSpot.Portal.Records("notes");
        Assert.Equal(hubSpotDue.Notes, notes.Count);
        Assert.All(notes.GroupBy(n => n[HubSpotSyncKey]), g => Assert.Single(g));
        var sent = HubSpotCreateInputs(hubSpot, "tasks").Select(c => c.Key).CountBy(key => key).ToList();
        Assert.Equal(hubSpotDue.Tasks, sent.Count);
        var resent = sent.Where(s => s.Value > 1).Select(s => s.Key).ToList();
        output.WriteLine($"HubSpot: {tasks.Count} tasks, {notes.Count} notes; task creates sent more than once: {resent.Count} (only rows the killed instance held may be).");
        Assert.True(resent.All(inKilledHands.Contains), Resends("HubSpot task creates", HubSpotCreateInputs(hubSpot, "tasks"), resent, inKilledHands, victim));
        var writes = outbox.Where(o => o.Connection == "hubspot" && o.WriteType == "Task").ToList();
        Assert.Equal(hubSpotDue.Tasks, writes.Count);
        Assert.All(writes, o => Assert.Equal("Sent", o.State));
        Assert.Equal(
            writes.Select(o => (o.IdempotencyKey, o.CrmId)).Order(),
            tasks.Select(t => (t[HubSpotSyncKey]!, (string?)t.Id.ToString(CultureInfo.InvariantCulture))).Order());
        Assert.Equal(hubSpotDue.Tasks, written.Count(c => c == "hubspot"));
        AssertEnrollments(enrollments, "hubspot", hubSpotDue);
        var contacts = hubSpot.Portal.Records("contacts").ToDictionary(c => c.Id.ToString(CultureInfo.InvariantCulture));
        AssertStatuses(outbox, enrollments, "hubspot", id => contacts[id]["ccs_cadence_status"]);

        // Salesforce: every due touch (tasks, and notes, which are completed Tasks) upserted by its sync key and stored
        // exactly once; sent more than once only when the killed instance held it (the upsert then lands on the record
        // it created, and the connector sends it again without the create-only TaskSubtype).
        var records = salesforce.Org.Tasks.Where(t => !t.IsDeleted).ToList();
        Assert.All(records.GroupBy(t => t[SalesforceSyncKey]), g => Assert.Single(g));
        Assert.Equal(salesforceDue.Tasks, SalesforceTasks(salesforce).Count);
        Assert.Equal(salesforceDue.Notes, records.Count - salesforceDue.Tasks);
        var upserted = SalesforceUpsertInputs(salesforce).Select(c => c.Key).CountBy(key => key).ToList();
        Assert.Equal(salesforceDue.Tasks + salesforceDue.Notes, upserted.Count);
        var upsertedAgain = upserted.Where(s => s.Value > 1).Select(s => s.Key).ToList();
        output.WriteLine($"Salesforce: {salesforceDue.Tasks} tasks, {records.Count - salesforceDue.Tasks} notes; upserts sent more than once: {upsertedAgain.Count} (only rows the killed instance held may be).");
        Assert.True(upsertedAgain.All(inKilledHands.Contains), Resends("Salesforce upserts", SalesforceUpsertInputs(salesforce), upsertedAgain, inKilledHands, victim));
        var activities = outbox.Where(o => o.Connection == "salesforce" && o.WriteType is "Task" or "Note").ToList();
        Assert.Equal(salesforceDue.Tasks, activities.Count(o => o.WriteType == "Task"));
        Assert.All(activities, o => Assert.Equal("Sent", o.State));
        Assert.Equal(
            activities.Select(o => (o.IdempotencyKey, o.CrmId)).Order(),
            records.Select(t => ((string)t[SalesforceSyncKey]!, (string?)t.Id)).Order());
        Assert.Equal(salesforceDue.Tasks, written.Count(c => c == "salesforce"));
        AssertEnrollments(enrollments, "salesforce", salesforceDue);
        AssertStatuses(outbox, enrollments, "salesforce", id => (string?)salesforce.Org.Find(id)!["CCS_Cadence_Status__c"]);

        // Webhooks and Outbound Messages: each stored once, whichever instance took it (or took it again), and processed.
        var inbox = await store.InboxEvents.AsNoTracking().ToListAsync();
        Assert.All(inbox, e => Assert.True(e.ProcessedAt is not null, $"Inbox event {e.DedupeKey} was never processed."));
        foreach (var connection in (string[])["hubspot", "salesforce"])
        {
            var hooks = inbox.Where(e => e.Connection == connection && !e.DedupeKey.StartsWith("poll:", StringComparison.Ordinal)).ToList();
            Assert.Equal(WebhookContacts, hooks.Count);
            Assert.Equal(WebhookContacts, hooks.Select(e => e.ContactCrmId).Distinct().Count());
        }

        Assert.Equal(outbound.Order(), inbox.Where(e => e.Connection == "salesforce" && !e.DedupeKey.StartsWith("poll:", StringComparison.Ordinal)).Select(e => e.ContactCrmId).Order());
        Assert.Empty(await store.DeadLetters.ToListAsync());
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s in all.");

        async Task<string> ProgressAsync()
        {
            await using var store = OpenStore(database);
            var outbox = await store.Outbox.AsNoTracking().GroupBy(o => new { o.Connection, o.WriteType, o.State }).Select(g => $"{g.Key.Connection} {g.Key.WriteType} {g.Key.State}: {g.Count()}").ToListAsync();
            var enrollments = await store.Enrollments.AsNoTracking().GroupBy(e => new { e.Connection, e.CadenceId, e.State }).Select(g => $"{g.Key.Connection} {g.Key.CadenceId} {g.Key.State}: {g.Count()}").ToListAsync();
            var unprocessed = await store.InboxEvents.CountAsync(e => e.ProcessedAt == null);
            return $"HubSpot tasks {hubSpot.Portal.Records("tasks").Count} of {hubSpotDue.Tasks}, notes {hubSpot.Portal.Records("notes").Count} of {hubSpotDue.Notes}; "
                + $"Salesforce tasks {SalesforceTasks(salesforce).Count} of {salesforceDue.Tasks}, Task records {salesforce.Org.Tasks.Count} of {salesforceDue.Tasks + salesforceDue.Notes}; "
                + $"inbox unprocessed {unprocessed}; outbox: {string.Join(", ", outbox)}; enrollments: {string.Join(", ", enrollments)}";
        }

        void Check()
        {
            var hubSpotTasks = hubSpot.Portal.Records("tasks").Count;
            var salesforceTouches = salesforce.Org.Tasks;
            var salesforceTasks = salesforceTouches.Count(IsTask);
            if (hubSpotTasks >= hubSpotDue.Tasks / 20 && salesforceTasks >= salesforceDue.Tasks / 20)
            {
                underWay.TrySetResult();
            }

            // At least: a touch written twice must reach the assertions below, which name it, rather than a timeout.
            if (hubSpotTasks >= hubSpotDue.Tasks && hubSpot.Portal.Records("notes").Count >= hubSpotDue.Notes
                && salesforceTasks >= salesforceDue.Tasks && salesforceTouches.Count >= salesforceDue.Tasks + salesforceDue.Notes)
            {
                everything.TrySetResult();
            }
        }
    }

    private static string Describe(DrillExpectation due) =>
        $"{due.Hot} hot contacts with {due.Tasks} tasks, {due.Later} later; {due.Notes} notes";

    /// <summary>Hot contacts in the drill's cadence, all completed; every other enrolled contact active in the later one.</summary>
    private static void AssertEnrollments(List<EnrollmentEntity> enrollments, string connection, DrillExpectation due)
    {
        var mine = enrollments.Where(e => e.Connection == connection).ToList();
        Assert.Equal(due.Hot, mine.Count(e => e.CadenceId == "crash-drill"));
        Assert.All(mine.Where(e => e.CadenceId == "crash-drill"), e => Assert.Equal("Completed", e.State));
        Assert.Equal(due.Later, mine.Count(e => e.CadenceId == "later" && e.State == "Active"));
    }

    /// <summary>
    /// Status writes are updates, not keyed creates: none is left unsent, and each enrolled contact in the CRM shows
    /// its enrollment's final state (an older status sent last would leave it showing a stale one).
    /// </summary>
    private static void AssertStatuses(List<OutboxEntity> outbox, List<EnrollmentEntity> enrollments, string connection, Func<string, string?> shown)
    {
        Assert.All(outbox.Where(o => o.Connection == connection && o.WriteType == "ContactStatus"), o => Assert.Contains(o.State, (string[])["Sent", "Superseded"]));
        Assert.All(enrollments.Where(e => e.Connection == connection), e => Assert.Equal(e.State, shown(e.ContactCrmId)));
    }

    /// <summary>A seeded HubSpot contact the drill's rule set enrolls (scored, reachable by email, not paused), else null.</summary>
    private static (decimal Score, bool DoNotCall)? Enrolled(HubSpotRecord contact) =>
        decimal.TryParse(contact["hubspotscore"], NumberStyles.Number, CultureInfo.InvariantCulture, out var score)
        && contact["hs_email_optout"] != "true"
        && contact["hs_email_bounce"] != "1"
        && !ClusterDrillSettings.PausedStages.Contains(contact["lifecyclestage"])
            ? (score, false)
            : null;

    /// <summary>A seeded Salesforce Lead or Contact the drill's rule set enrolls (scored, reachable by email, not converted), else null.</summary>
    private static (decimal Score, bool DoNotCall)? Enrolled(SandboxRecord person) =>
        person["Lead_Score__c"] is decimal score
        && person["HasOptedOutOfEmail"] is not true
        && person["EmailBouncedDate"] is null
        && person["IsConverted"] is not true
            ? (score, person["DoNotCall"] is true)
            : null;

    /// <summary>The drill writes no logged emails, so the connector's only completed Tasks are notes.</summary>
    private static bool IsTask(SandboxRecord task) => !task.IsDeleted && (string?)task["Status"] != "Completed";

    private static List<SandboxRecord> SalesforceTasks(SalesforceSandbox salesforce) => [.. salesforce.Org.Tasks.Where(IsTask)];

    private static List<string> Args(HubSpotSandbox hubSpot, SalesforceSandbox salesforce, int instance) =>
    [
        .. SandboxSettings.Args(hubSpot, salesforce),
        "--Urls=http://127.0.0.1:0",
        $"--Cluster:InstanceId={InstanceId(instance)}",
        "--Connections:hubspot:RequestsPer10Seconds=1000",
        "--Connections:hubspot:SearchRequestsPerSecond=50",
        $"--Connections:hubspot:MaxBatchSize={MaxBatchSize}",

        // The sandbox's search index has no lag, and the worker is told so.
        "--Connections:hubspot:SearchIndexLag=00:00:00.001",
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

    /// <summary>The index of the instance holding the most unexpired Salesforce outbox claims right now, if any.</summary>
    private static async Task<int?> SalesforceHolderAsync(NpgsqlConnection connection)
    {
        await using var query = new NpgsqlCommand(SalesforceClaimant, connection);
        return await query.ExecuteScalarAsync() is string instance ? int.Parse(instance["worker-".Length..], CultureInfo.InvariantCulture) - 1 : null;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var query = new NpgsqlCommand(sql, connection);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>The sync key of every input of every create call the HubSpot sandbox received for an object type, with when and from which instance.</summary>
    private static IEnumerable<CrmCall> HubSpotCreateInputs(HubSpotSandbox hubSpot, string objectType) =>
        hubSpot.Server.LogEntries
            .Where(e => e.RequestMessage?.Path.EndsWith($"/{objectType}/batch/create", StringComparison.Ordinal) == true)
            .SelectMany(e => JsonNode.Parse(e.RequestMessage!.Body!)!["inputs"]!.AsArray()
                .Select(input => new CrmCall(input!["properties"]![HubSpotSyncKey]!.GetValue<string>(), e.RequestMessage.DateTime, Agent(e.RequestMessage))));

    /// <summary>The sync key of every record of every Task upsert (sObject Collections by external id) the Salesforce sandbox received, with when and from which instance.</summary>
    private static IEnumerable<CrmCall> SalesforceUpsertInputs(SalesforceSandbox salesforce) =>
        salesforce.Server.LogEntries
            .Where(e => e.RequestMessage?.Method == "PATCH"
                && e.RequestMessage.Path.EndsWith($"/composite/sobjects/Task/{SalesforceSyncKey}", StringComparison.Ordinal))
            .SelectMany(e => JsonNode.Parse(e.RequestMessage!.Body!)!["records"]!.AsArray()
                .Select(record => new CrmCall(record![SalesforceSyncKey]!.GetValue<string>(), e.RequestMessage.DateTime, Agent(e.RequestMessage))));

    private static string Agent(WireMock.IRequestMessage request) =>
        request.Headers?.TryGetValue("User-Agent", out var agent) == true ? string.Join(" ", agent) : "(no User-Agent)";

    /// <summary>Who sent each record sent more than once, and when: the failure message of the resend assertions.</summary>
    private static string Resends(string what, IEnumerable<CrmCall> calls, List<string> resent, HashSet<string> inKilledHands, int victim)
    {
        var outside = resent.Where(key => !inKilledHands.Contains(key)).ToHashSet();
        var lines = calls.Where(c => outside.Contains(c.Key)).GroupBy(c => c.Key).Take(10)
            .Select(g => $"  {g.Key}: " + string.Join("; ", g.OrderBy(c => c.At).Select(c => $"{c.At:HH:mm:ss.fff} {c.Agent}")));
        return $"{what} sent more than once outside the killed instance's ({InstanceId(victim)}) rows: {outside.Count} of {resent.Count}; first ones:{Environment.NewLine}"
            + string.Join(Environment.NewLine, lines);
    }

    private sealed record CrmCall(string Key, DateTime At, string Agent);

    private static PostgresCadenceDbContext OpenStore(PostgresDatabase database) =>
        new(new DbContextOptionsBuilder<PostgresCadenceDbContext>().UseNpgsql(database.ConnectionString).Options);
}
