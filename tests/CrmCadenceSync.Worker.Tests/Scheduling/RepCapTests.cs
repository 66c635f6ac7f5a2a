using System.Globalization;
using CrmCadenceSync.Mocks.HubSpot;

namespace CrmCadenceSync.Worker.Tests.Scheduling;

/// <summary>The rep's daily task cap is filled by priority for the whole rep-local day, whatever the order steps came due in.</summary>
public sealed class RepCapTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task Normal_priority_tasks_due_in_the_morning_leave_room_for_a_high_priority_call_due_that_afternoon()
    {
        await using var world = await SandboxWorld.StartAsync("--Policies:RepDailyTaskCap=2");

        // Enrolled on Tuesday 1 December at 14:00: the hot cadence's discovery call (High, day 3) is due Friday at 14:00.
        await AdvanceToAsync(world, new DateTime(2026, 12, 1, 14, 0, 0));
        var hot = world.AddHubSpotContact(85, "Hana");
        await world.RunCycleAsync();

        // Friday 10:00: three warm contacts arrive, each with a Normal intro-email task due at once.
        await AdvanceToAsync(world, new DateTime(2026, 12, 4, 10, 0, 0));
        var warm = Enumerable.Range(0, 3).Select(i => world.AddHubSpotContact(60, $"Warm{i}")).ToList();
        await world.RunCycleAsync();
        var friday = new DateOnly(2026, 12, 4);
        Assert.Single(TasksDueOn(world, friday));

        await AdvanceToAsync(world, new DateTime(2026, 12, 4, 16, 0, 0));
        var fridayTasks = TasksDueOn(world, friday);
        Assert.Equal(2, fridayTasks.Count);
        Assert.Contains(fridayTasks, t => t.Properties["ccs_sync_key"]!.Contains(":discovery-call-1:", StringComparison.Ordinal) && Owns(t, hot));
        Assert.Equal("HIGH", fridayTasks.Single(t => Owns(t, hot)).Properties["hs_task_priority"]);

        // The two intro tasks that did not fit go out on Monday, the rep's next business day.
        await AdvanceToAsync(world, new DateTime(2026, 12, 7, 16, 0, 0));
        Assert.Equal(2, TasksDueOn(world, new DateOnly(2026, 12, 7)).Count(t => warm.Any(n => Owns(t, n))));
    }

    /// <summary>Runs a cycle every hour up to the given New York time.</summary>
    private static async Task AdvanceToAsync(SandboxWorld world, DateTime newYork)
    {
        var until = new DateTimeOffset(newYork, NewYork.GetUtcOffset(newYork));
        while (world.Time.GetUtcNow() < until)
        {
            var step = until - world.Time.GetUtcNow();
            world.Time.Advance(step < TimeSpan.FromHours(1) ? step : TimeSpan.FromHours(1));
            await world.RunCycleAsync();
        }
    }

    private static bool Owns(HubSpotRecord task, long contact) => task.Associations.Any(a => a.ToContactId == contact);

    private static List<HubSpotRecord> TasksDueOn(SandboxWorld world, DateOnly day) =>
        [.. world.HubSpot.Portal.Records("tasks").Where(t =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(
                DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(t.Properties["hs_timestamp"]!, CultureInfo.InvariantCulture)), NewYork).DateTime) == day)];
}
