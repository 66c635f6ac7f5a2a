using System.Globalization;
using System.Net.Http.Json;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Engagement;

/// <summary>A rep completes a cadence task in HubSpot with the call outcome "Not interested": the next cycle ends the cadence.</summary>
public sealed class CallOutcomeExitTests
{
    [Fact]
    public async Task A_task_completed_with_not_interested_exits_the_enrollment_on_the_next_cycle_and_nothing_more_is_written()
    {
        await using var world = await SandboxWorld.StartAsync();
        var declining = world.AddHubSpotContact(85, "Nadia");
        var control = world.AddHubSpotContact(85, "Carl");
        await world.RunCycleAsync();
        var firstTask = Assert.Single(TasksOf(world, declining));
        Assert.Single(TasksOf(world, control));
        Assert.Equal("2 of 9: LinkedIn (linkedin-connect)", world.HubSpot.Portal.Find("contacts", control)!["ccs_cadence_step"]);

        // The rep calls, logs the outcome on the task and completes it, in HubSpot; the control contact's rep completes
        // theirs with an outcome the rules do not exit on.
        world.Time.Advance(TimeSpan.FromHours(2));
        await CompleteAsync(world, firstTask.Id, "Not interested");
        await CompleteAsync(world, Assert.Single(TasksOf(world, control)).Id, "Left voicemail");
        world.HubSpot.Server.ResetLogEntries();
        await world.RunCycleAsync();

        var enrollments = await world.QueryAsync(db => db.Enrollments.AsNoTracking().OrderBy(e => e.ContactCrmId).ToListAsync());
        var ended = enrollments.Single(e => e.ContactCrmId == declining.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(("Exited", "CallOutcome:not interested"), (ended.State, ended.ExitReason));
        Assert.True(enrollments.Single(e => e.ContactCrmId == control.ToString(CultureInfo.InvariantCulture)).IsOpen);
        Assert.Equal("Exited: call outcome 'not interested'", world.HubSpot.Portal.Find("contacts", declining)!["ccs_cadence_status"]);
        Assert.Equal("", world.HubSpot.Portal.Find("contacts", declining)!["ccs_cadence_step"]);

        // Both open tasks were asked about in one batch read.
        var read = Assert.Single(world.HubSpot.Server.LogEntries, e => e.RequestMessage!.Path.EndsWith("/objects/2026-03/tasks/batch/read", StringComparison.Ordinal));
        Assert.Contains(firstTask.Id.ToString(CultureInfo.InvariantCulture), read.RequestMessage!.Body, StringComparison.Ordinal);

        // Three weeks of daily cycles: the control contact gets every hot step, the declining contact nothing more.
        for (var day = 0; day < 21; day++)
        {
            world.Time.Advance(TimeSpan.FromDays(1));
            await world.RunCycleAsync();
        }

        Assert.Single(TasksOf(world, declining));
        Assert.Equal(9, TasksOf(world, control).Count);
        var outcomes = await world.QueryAsync(db => db.EngagementOutcomes.AsNoTracking().Where(o => o.Kind == "TaskCompleted").OrderBy(o => o.CallOutcome).Select(o => o.CallOutcome).ToListAsync());
        Assert.Equal(["Left voicemail", "Not interested"], outcomes);
    }

    private static List<HubSpotRecord> TasksOf(SandboxWorld world, long contact) =>
        [.. world.HubSpot.Portal.Records("tasks").Where(t => t.Associations.Any(a => a.ToContactId == contact))];

    private static async Task CompleteAsync(SandboxWorld world, long taskId, string outcome)
    {
        world.HubSpot.Portal.LogCall(taskId, outcome);
        using var http = new HttpClient { BaseAddress = world.HubSpot.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", world.HubSpot.Options.AccessToken);
        using var response = await http.PostAsJsonAsync(
            new Uri("/crm/objects/2026-03/tasks/batch/update", UriKind.Relative),
            new { inputs = new[] { new { id = taskId.ToString(CultureInfo.InvariantCulture), properties = new { hs_task_status = "COMPLETED" } } } });
        response.EnsureSuccessStatusCode();
    }
}
