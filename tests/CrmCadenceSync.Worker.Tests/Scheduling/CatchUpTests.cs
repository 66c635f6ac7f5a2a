using System.Globalization;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Worker.Admin.Enrollments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Scheduling;

/// <summary>
/// Steps that came due while the worker was stopped, or while an enrollment was paused, go out one at a time: one touch at
/// the next opening, the later ones keeping their gaps after it.
/// </summary>
public sealed class CatchUpTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task A_worker_stopped_for_three_weeks_writes_at_most_one_touch_per_contact_in_its_first_run()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contacts = Enumerable.Range(0, 12).Select(i => world.AddHubSpotContact(85, $"Hot{i}")).ToList();
        await world.RunCycleAsync();
        Assert.All(contacts, c => Assert.Single(TasksOf(world, c)));

        // Stopped on Monday morning, started three weeks later on a Monday at 10:00: steps 2 to 9 all came due meanwhile.
        world.Time.Advance(TimeSpan.FromDays(21));
        var restart = world.Time.GetUtcNow();
        await world.RunCycleAsync();

        foreach (var contact in contacts)
        {
            var tasks = TasksOf(world, contact);
            Assert.Equal(2, tasks.Count);

            // The catch-up task is due now, not weeks ago on a day whose cap is long gone.
            Assert.True(DueOf(tasks[^1]) >= restart.AddMinutes(-1), $"Contact {contact}: the catch-up task is due {DueOf(tasks[^1])}, before the restart at {restart}.");
        }

        // The next steps keep their gaps after the catch-up touch (step 3 comes two business days after step 2): nothing
        // more that day or the next, then one touch on the second day.
        foreach (var hours in new[] { 6, 18 })
        {
            world.Time.Advance(TimeSpan.FromHours(hours));
            await world.RunCycleAsync();
            Assert.All(contacts, c => Assert.Equal(2, TasksOf(world, c).Count));
        }

        world.Time.Advance(TimeSpan.FromDays(1));
        await world.RunCycleAsync();
        await world.RunCycleAsync();
        Assert.All(contacts, c => Assert.Equal(3, TasksOf(world, c).Count));
    }

    [Fact]
    public async Task An_enrollment_resumed_after_three_weeks_paused_gets_one_touch_then_its_gaps()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contact = world.AddHubSpotContact(85, "Paula");
        await world.RunCycleAsync();
        Assert.Single(TasksOf(world, contact));
        var id = await world.QueryAsync(db => db.Enrollments.AsNoTracking().Select(e => e.Id).SingleAsync());

        await ActAsync(world, id, EnrollmentActions.Pause);
        world.Time.Advance(TimeSpan.FromDays(21));
        await world.RunCycleAsync();
        Assert.Single(TasksOf(world, contact));

        var resumedAt = world.Time.GetUtcNow();
        await ActAsync(world, id, EnrollmentActions.Resume);
        await world.RunCycleAsync();
        await world.RunCycleAsync();

        var tasks = TasksOf(world, contact);
        Assert.Equal(2, tasks.Count);
        Assert.True(DueOf(tasks[^1]) >= resumedAt.AddMinutes(-1), $"The first task after the resume is due {DueOf(tasks[^1])}, before the resume at {resumedAt}.");

        // Step 3 is two business days after step 2 in the hot cadence: it waits for them after the resumed touch.
        world.Time.Advance(TimeSpan.FromDays(1));
        await world.RunCycleAsync();
        Assert.Equal(2, TasksOf(world, contact).Count);
        world.Time.Advance(TimeSpan.FromDays(1));
        await world.RunCycleAsync();
        Assert.Equal(3, TasksOf(world, contact).Count);
    }

    private static async Task ActAsync(SandboxWorld world, Guid enrollment, string action)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var (row, refusal) = await ActivatorUtilities.CreateInstance<EnrollmentActions>(scope.ServiceProvider).ApplyAsync(enrollment, action, "test", CancellationToken.None);
        Assert.Null(refusal);
        Assert.NotNull(row);
    }

    private static List<HubSpotRecord> TasksOf(SandboxWorld world, long contact) =>
        [.. world.HubSpot.Portal.Records("tasks").Where(t => t.Associations.Any(a => a.ToContactId == contact)).OrderBy(t => t.Id)];

    private static DateTimeOffset DueOf(HubSpotRecord task) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(task.Properties["hs_timestamp"]!, CultureInfo.InvariantCulture));

    /// <summary>Local New York time, for messages.</summary>
    internal static DateTime Local(DateTimeOffset at) => ZonedTime.ToLocal(at, NewYork);
}
