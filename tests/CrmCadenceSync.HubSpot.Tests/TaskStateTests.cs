using System.Globalization;
using System.Net.Http.Json;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Tests.Support;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class TaskStateTests
{
    [Fact]
    public async Task Tasks_are_read_back_in_one_batch_with_the_completed_ones_call_outcome_as_the_portals_label()
    {
        using var harness = new HubSpotHarness();
        var connector = await harness.SetUpAsync();
        var written = await harness.RunAsync(() => connector.WriteActivitiesAsync(
            Activities.Many(3, [1001, 1002, 1003], HubSpotHarness.Start.AddDays(1), "states"), CancellationToken.None));
        var ids = written.Select(w => w.CrmId!).ToList();

        // The rep completes two tasks in HubSpot (through the API, as the task queue does) and logs a call on one of them.
        harness.Time.Advance(TimeSpan.FromHours(3));
        var at = harness.Time.GetUtcNow();
        using (var http = new HttpClient { BaseAddress = harness.Sandbox.Url })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", harness.Sandbox.Options.AccessToken);
            using var completed = await http.PostAsJsonAsync(
                new Uri("/crm/objects/2026-03/tasks/batch/update", UriKind.Relative),
                new { inputs = ids.Take(2).Select(id => new { id, properties = new { hs_task_status = "COMPLETED" } }) });
            completed.EnsureSuccessStatusCode();
        }

        harness.Sandbox.Portal.LogCall(long.Parse(ids[0], CultureInfo.InvariantCulture), "Not interested");
        harness.Sandbox.Server.ResetLogEntries();

        var states = await harness.RunAsync(() => connector.ReadTaskStatesAsync([.. ids, "90999999999"], CancellationToken.None));

        Assert.Equal(
            [new CrmTaskState(ids[0], true, at, "Not interested"), new CrmTaskState(ids[1], true, at, null), new CrmTaskState(ids[2], false, null, null)],
            states.OrderBy(s => s.CrmId, StringComparer.Ordinal));
        var read = Assert.Single(harness.Requests("/objects/2026-03/tasks/batch/read"));
        Assert.Equal(4, read.InputCount());
        Assert.Equal(2, Assert.Single(harness.Requests("/tasks/calls/batch/read")).InputCount());
        Assert.Single(harness.Requests("/objects/2026-03/calls/batch/read"));
        Assert.Single(harness.Requests("/calls/hs_call_disposition"));
    }

    [Fact]
    public async Task Tasks_are_closed_in_one_batch_update_of_hs_task_status_and_a_task_the_portal_no_longer_has_needs_nothing_more()
    {
        using var harness = new HubSpotHarness();
        var connector = await harness.SetUpAsync();
        var written = await harness.RunAsync(() => connector.WriteActivitiesAsync(
            Activities.Many(3, [1001, 1002, 1003], HubSpotHarness.Start.AddDays(1), "close"), CancellationToken.None));
        var ids = written.Select(w => w.CrmId!).ToList();
        harness.Sandbox.Server.ResetLogEntries();

        var closed = await harness.RunAsync(() => connector.CloseTasksAsync(
            [new TaskClosure("a:close", ids[0]), new TaskClosure("b:close", ids[1]), new TaskClosure("gone:close", "90999999999")], CancellationToken.None));

        Assert.Equal(
            [new CrmWriteResult("a:close", ids[0], null), new CrmWriteResult("b:close", ids[1], null), new CrmWriteResult("gone:close", "90999999999", null)],
            closed);
        Assert.Equal(
            ["COMPLETED", "COMPLETED", "NOT_STARTED"],
            ids.Select(id => harness.Sandbox.Portal.Find("tasks", long.Parse(id, CultureInfo.InvariantCulture))!["hs_task_status"]));
        Assert.Equal(3, Assert.Single(harness.Requests("/objects/2026-03/tasks/batch/update")).InputCount());

        // Closing again changes nothing and still succeeds.
        var again = await harness.RunAsync(() => connector.CloseTasksAsync([new TaskClosure("a:close", ids[0])], CancellationToken.None));
        Assert.Null(Assert.Single(again).Error);
    }
}
