namespace CrmCadenceSync.Core.Scheduling;

/// <summary>
/// Keeps each rep at or under a daily task cap. Each rep-local day keeps its highest-priority tasks (earliest
/// first among equals); the overflow moves to the rep's next business day, at the same time of day, and
/// competes there by the same order.
/// </summary>
public static class RepDailyCapPlanner
{
    public static IReadOnlyList<PlannedTouch> Apply(
        IEnumerable<PlannedTouch> touches, int dailyCap, Func<string, RepWorkweek> workweekOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dailyCap, 1);
        var result = new List<PlannedTouch>();
        foreach (var repTouches in touches.GroupBy(t => t.RepId, StringComparer.Ordinal))
        {
            result.AddRange(PlanRep([.. repTouches], dailyCap, workweekOf(repTouches.Key)));
        }

        return result;
    }

    private static List<PlannedTouch> PlanRep(List<PlannedTouch> touches, int cap, RepWorkweek week)
    {
        var byDay = touches
            .GroupBy(t => DateOnly.FromDateTime(ZonedTime.ToLocal(t.DueAt, week.Zone)))
            .ToDictionary(g => g.Key, g => g.ToList());
        var pendingDays = new SortedSet<DateOnly>(byDay.Keys);
        var carried = new List<PlannedTouch>();
        var planned = new List<PlannedTouch>(touches.Count);
        var day = DateOnly.MinValue;

        while (pendingDays.Count > 0 || carried.Count > 0)
        {
            day = NextDay(pendingDays, carried.Count > 0 ? day : null, week.Calendar);
            pendingDays.Remove(day);
            var candidates = byDay.TryGetValue(day, out var native) ? native : [];
            if (carried.Count > 0 && week.Calendar.IsBusinessDay(day))
            {
                candidates = [.. candidates, .. carried.Select(t => MoveTo(t, day, week.Zone))];
                carried.Clear();
            }

            var ordered = candidates
                .OrderByDescending(t => t.Priority)
                .ThenBy(t => t.DueAt)
                .ThenBy(t => t.Key, StringComparer.Ordinal)
                .ToList();
            planned.AddRange(ordered.Take(cap));
            carried.AddRange(ordered.Skip(cap));
        }

        return planned;
    }

    /// <summary>The next day to fill: the earliest day with tasks, or sooner the business day after an overflowing one.</summary>
    private static DateOnly NextDay(SortedSet<DateOnly> pendingDays, DateOnly? overflowingDay, BusinessCalendar calendar)
    {
        if (overflowingDay is not { } overflowing)
        {
            return pendingDays.Min;
        }

        var nextBusinessDay = calendar.OnOrAfter(overflowing.AddDays(1));
        return pendingDays.Count > 0 && pendingDays.Min < nextBusinessDay ? pendingDays.Min : nextBusinessDay;
    }

    private static PlannedTouch MoveTo(PlannedTouch touch, DateOnly day, TimeZoneInfo zone)
    {
        var local = ZonedTime.ToLocal(touch.DueAt, zone);
        return touch with { DueAt = ZonedTime.ToInstant(day.ToDateTime(TimeOnly.FromDateTime(local)), zone) };
    }
}
