using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;

namespace CrmCadenceSync.Core.Tests.Scheduling;

public sealed class RepDailyCapPlannerTests
{
    private static readonly TimeZoneInfo NewYork = TimeZones.TryResolve("America/New_York", out var zone) ? zone : throw new InvalidOperationException();
    private static readonly RepWorkweek Week = new(NewYork, BusinessCalendar.Weekdays);

    private static PlannedTouch Touch(string key, StepPriority priority, int day, int hour) =>
        new(key, "rep-1", priority, ZonedTime.ToInstant(new DateTime(2026, 11, day, hour, 0, 0), NewYork));

    [Fact]
    public void Overflow_moves_to_the_next_business_day_lowest_priority_first()
    {
        // Friday the 20th has four tasks for a cap of 2; Monday the 23rd already has one.
        var touches = new[]
        {
            Touch("low-early", StepPriority.Low, 20, 9),
            Touch("high", StepPriority.High, 20, 15),
            Touch("normal", StepPriority.Normal, 20, 10),
            Touch("low-late", StepPriority.Low, 20, 11),
            Touch("monday", StepPriority.Normal, 23, 12),
        };

        var planned = RepDailyCapPlanner.Apply(touches, 2, _ => Week).ToDictionary(t => t.Key, t => ZonedTime.ToLocal(t.DueAt, NewYork));

        Assert.Equal(new DateTime(2026, 11, 20, 15, 0, 0), planned["high"]);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0), planned["normal"]);
        Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0), planned["monday"]);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 0, 0), planned["low-early"]);
        Assert.Equal(new DateTime(2026, 11, 24, 11, 0, 0), planned["low-late"]);
        Assert.Equal(5, planned.Count);
    }

    [Fact]
    public void Each_rep_has_a_cap_of_its_own()
    {
        var touches = Enumerable.Range(0, 3).Select(i => Touch($"a{i}", StepPriority.Normal, 24, 9 + i))
            .Concat(Enumerable.Range(0, 3).Select(i => Touch($"b{i}", StepPriority.Normal, 24, 9 + i) with { RepId = "rep-2" }));

        var planned = RepDailyCapPlanner.Apply(touches, 3, _ => Week);

        Assert.All(planned, t => Assert.Equal(new DateOnly(2026, 11, 24), DateOnly.FromDateTime(ZonedTime.ToLocal(t.DueAt, NewYork))));
        Assert.Equal(6, planned.Count);
    }
}
