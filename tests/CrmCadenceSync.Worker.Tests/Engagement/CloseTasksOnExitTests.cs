using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Engagement;

/// <summary>
/// When an enrollment exits, every task it wrote that is still open in the CRM is closed there, once, through the
/// outbox; reps' queues only hold live work, and a task we closed is not read back as the rep's completion.
/// </summary>
public sealed class CloseTasksOnExitTests
{
    [Fact]
    public async Task A_reply_closes_the_contacts_open_HubSpot_task_once_and_leaves_other_contacts_tasks_open()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var replying = world.AddHubSpotContact(85, "Rita");
        var control = world.AddHubSpotContact(85, "Carl");
        await world.RunCycleAsync();
        var task = Assert.Single(TasksOf(world, replying));
        Assert.Equal("NOT_STARTED", task["hs_task_status"]);

        world.Time.Advance(TimeSpan.FromHours(2));
        world.ChangeHubSpotContact(replying, "hs_sales_email_last_replied", HubSpotPortal.Iso(world.Time.GetUtcNow()));
        world.HubSpot.Server.ResetLogEntries();
        await world.RunCycleAsync();

        Assert.Equal(("Exited", "Replied"), await EnrollmentOfAsync(world, "hubspot", replying.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("COMPLETED", world.HubSpot.Portal.Find("tasks", task.Id)!["hs_task_status"]);
        Assert.Equal("NOT_STARTED", Assert.Single(TasksOf(world, control))["hs_task_status"]);
        var close = Assert.Single(TaskUpdates(world));
        Assert.Equal([(task.Id.ToString(CultureInfo.InvariantCulture), "COMPLETED")], close);

        // Later cycles send nothing more for it, and our close is not read back as the rep completing the task.
        for (var day = 0; day < 3; day++)
        {
            world.Time.Advance(TimeSpan.FromDays(1));
            world.HubSpot.Server.ResetLogEntries();
            await world.RunCycleAsync();
            Assert.DoesNotContain(TaskUpdates(world), u => u.Any(t => t.Id == task.Id.ToString(CultureInfo.InvariantCulture)));
        }

        var written = await world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.WriteType == "CloseTask").Select(o => new { o.State, o.CrmId }).ToListAsync());
        Assert.Equal(("Sent", task.Id.ToString(CultureInfo.InvariantCulture)), (Assert.Single(written).State, written[0].CrmId));
        Assert.Equal(0, await world.QueryAsync(db => db.EngagementOutcomes.CountAsync(o => o.Kind == "TaskCompleted")));
    }

    [Fact]
    public async Task A_close_queued_while_HubSpot_is_down_is_sent_once_it_is_back()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false", "--Connections:hubspot:MaxRetryAttempts=0");
        var replying = world.AddHubSpotContact(85, "Rita");
        await world.RunCycleAsync();
        var task = Assert.Single(TasksOf(world, replying));

        // The reply is read, the enrollment exits and its note and status go out; then HubSpot answers every call with
        // 503 while the outbox sends the close.
        world.Time.Advance(TimeSpan.FromHours(2));
        world.ChangeHubSpotContact(replying, "hs_sales_email_last_replied", HubSpotPortal.Iso(world.Time.GetUtcNow()));
        await InScopeAsync<ContactPoller>(world, p => p.PollAsync("hubspot", null, CancellationToken.None));
        await InScopeAsync<InboxProcessor>(world, p => p.ProcessBatchAsync(500, CancellationToken.None));
        await InScopeAsync<OutboxSender>(world, s => s.SendBatchAsync("hubspot", 500, CancellationToken.None));
        Assert.Equal(1, await InScopeAsync<PendingTaskCloser>(world, c => c.StageAsync("hubspot", CancellationToken.None)));
        world.HubSpot.Faults.FailNext(1_000, 503);
        await InScopeAsync<OutboxSender>(world, s => s.SendBatchAsync("hubspot", 500, CancellationToken.None));

        var waiting = await world.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.WriteType == "CloseTask"));
        Assert.Equal("Pending", waiting.State);
        Assert.Equal("NOT_STARTED", world.HubSpot.Portal.Find("tasks", task.Id)!["hs_task_status"]);

        world.HubSpot.Faults.FailNext(0);
        world.Time.Advance(TimeSpan.FromHours(2));
        world.HubSpot.Server.ResetLogEntries();
        await world.RunCycleAsync();
        await world.RunCycleAsync();

        Assert.Equal("COMPLETED", world.HubSpot.Portal.Find("tasks", task.Id)!["hs_task_status"]);
        Assert.Equal([(task.Id.ToString(CultureInfo.InvariantCulture), "COMPLETED")], Assert.Single(TaskUpdates(world)));
        Assert.Equal("Sent", (await world.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.WriteType == "CloseTask"))).State);
    }

    [Fact]
    public async Task An_opt_out_closes_the_contacts_open_Salesforce_task_by_setting_its_status_to_Completed()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var leaving = world.AddSalesforceLead("Olga");
        var control = world.AddSalesforceLead("Carl");
        await world.RunCycleAsync();
        var task = Assert.Single(world.Salesforce.Org.Tasks, t => (string?)t.Fields["WhoId"] == leaving.Id && (string?)t.Fields["Subject"] != "Note");
        Assert.Equal(false, task.Fields["IsClosed"]);

        world.Time.Advance(TimeSpan.FromHours(2));
        world.Salesforce.Org.Modify(leaving.Id, new Dictionary<string, object?> { ["HasOptedOutOfEmail"] = true });
        world.Salesforce.Server.ResetLogEntries();
        await world.RunCycleAsync();

        Assert.Equal(("Exited", "OptedOut"), await EnrollmentOfAsync(world, "salesforce", leaving.Id));
        var closed = world.Salesforce.Org.Find(task.Id)!;
        Assert.Equal(("Completed", true), ((string?)closed.Fields["Status"], (bool?)closed.Fields["IsClosed"]));
        Assert.Equal(false, world.Salesforce.Org.Tasks.Single(t => (string?)t.Fields["WhoId"] == control.Id && (string?)t.Fields["Subject"] != "Note").Fields["IsClosed"]);

        // One sObject Collections update naming the task by id with the closed status.
        var update = Assert.Single(
            world.Salesforce.Server.LogEntries,
            e => e.RequestMessage!.Method == "PATCH" && e.RequestMessage.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal)
                && e.RequestMessage.Body!.Contains(task.Id, StringComparison.Ordinal));
        var record = Assert.Single(JsonNode.Parse(update.RequestMessage!.Body!)!["records"]!.AsArray())!;
        Assert.Equal(("Task", task.Id, "Completed"), (record["attributes"]!["type"]!.GetValue<string>(), record["Id"]!.GetValue<string>(), record["Status"]!.GetValue<string>()));
        Assert.Equal(0, await world.QueryAsync(db => db.EngagementOutcomes.CountAsync(o => o.Kind == "TaskCompleted")));
    }

    private static async Task<int> InScopeAsync<T>(SandboxWorld world, Func<T, Task<int>> work)
        where T : notnull
    {
        await using var scope = world.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<T>());
    }

    private static List<HubSpotRecord> TasksOf(SandboxWorld world, long contact) =>
        [.. world.HubSpot.Portal.Records("tasks").Where(t => t.Associations.Any(a => a.ToContactId == contact))];

    /// <summary>Each tasks batch update HubSpot received: the (task id, hs_task_status) pairs it named.</summary>
    private static List<List<(string Id, string? Status)>> TaskUpdates(SandboxWorld world) =>
        [.. world.HubSpot.Server.LogEntries
            .Where(e => e.RequestMessage!.Path.EndsWith("/objects/2026-03/tasks/batch/update", StringComparison.Ordinal))
            .Select(e => JsonNode.Parse(e.RequestMessage!.Body!)!["inputs"]!.AsArray()
                .Select(i => (i!["id"]!.GetValue<string>(), i["properties"]?["hs_task_status"]?.GetValue<string>()))
                .ToList())];

    private static Task<(string State, string? Exit)> EnrollmentOfAsync(SandboxWorld world, string connection, string contact) =>
        world.QueryAsync(async db =>
        {
            var row = await db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == connection && e.ContactCrmId == contact);
            return (row.State, row.ExitReason);
        });
}
