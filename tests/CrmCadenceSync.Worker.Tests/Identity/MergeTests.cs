using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Identity;

/// <summary>A HubSpot merge moves the open enrollment, its next step and its history to the surviving record.</summary>
public sealed class MergeTests
{
    [Fact]
    public async Task A_merge_moves_the_open_enrollment_with_its_step_and_history_to_the_survivor()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var merged = world.AddHubSpotContact(85, "Ada");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromDays(3));
        await world.RunCycleAsync();
        var before = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());
        var history = await world.QueryAsync(db => db.StepRuns.Where(r => r.EnrollmentId == before.Id).CountAsync());
        Assert.True(before.NextStepIndex > 0, "the enrollment has written a step before the merge");

        var survivor = world.AddHubSpotContact(85, "Adeline");
        world.HubSpot.Portal.MergeContacts(survivor, merged);
        await MergedAsync(world, merged, survivor);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();

        var open = Assert.Single(await world.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.IsOpen).ToListAsync()));
        Assert.Equal(before.Id, open.Id);
        Assert.Equal(Id(survivor), open.ContactCrmId);
        Assert.Equal(before.NextStepIndex, open.NextStepIndex);
        Assert.Equal(1, await world.QueryAsync(db => db.Enrollments.CountAsync()));
        Assert.True(history <= await world.QueryAsync(db => db.StepRuns.Where(r => r.EnrollmentId == open.Id).CountAsync()));
        Assert.Equal("Active", world.HubSpot.Portal.Find("contacts", survivor)!.Properties["ccs_cadence_status"]);
    }

    [Fact]
    public async Task Writes_still_queued_for_the_merged_away_record_go_to_the_survivor()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var merged = world.AddHubSpotContact(85, "Ada");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        await QueueNextStepAsync(world);
        var queued = await world.QueryAsync(db => db.Outbox.CountAsync(o => o.ContactCrmId == Id(merged) && o.State == "Pending" && o.WriteType == "Task"));
        Assert.True(queued > 0, "a task is queued for the record when it is merged away");
        var tasksBefore = TasksOn(world, merged);

        var survivor = world.AddHubSpotContact(85, "Adeline");
        world.HubSpot.Portal.MergeContacts(survivor, merged);
        await MergedAsync(world, merged, survivor);
        await world.ProcessInboxAsync();
        await world.RunCycleAsync();

        Assert.Equal(tasksBefore, TasksOn(world, merged));
        Assert.True(TasksOn(world, survivor) >= queued);
        Assert.Equal(0, await world.QueryAsync(db => db.Outbox.CountAsync(o => o.ContactCrmId == Id(merged) && o.State == "Pending")));
    }

    private static int TasksOn(SandboxWorld world, long contact) =>
        world.HubSpot.Portal.Records("tasks").Count(t => t.Associations.Any(a => a.ToContactId == contact));

    /// <summary>HubSpot's contact.merge webhook, as the webhook endpoint stores it.</summary>
    private static async Task MergedAsync(SandboxWorld world, long merged, long survivor)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var now = world.Time.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<InboxWriter>().AppendAsync(
            [new InboxItem(new InboundEvent($"{now.UtcTicks}:merge:{merged}", "hubspot", InboundEventKind.ContactMerged, Id(merged), now, MergedIntoCrmId: Id(survivor)))],
            CancellationToken.None);
    }

    /// <summary>The clock moves to the next step's due time, and the step is queued but not sent.</summary>
    private static async Task QueueNextStepAsync(SandboxWorld world)
    {
        var due = await world.QueryAsync(db => db.Enrollments.Where(e => e.IsOpen).Select(e => e.NextDueAt).SingleAsync());
        world.Time.Advance(due!.Value - world.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
        await world.RunDueStepsAsync();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
