namespace CrmCadenceSync.Core.Scheduling;

/// <summary>Working days, opening hours and holidays, in whatever zone the caller's local times are in.</summary>
public sealed class BusinessCalendar
{
    private readonly int dayMask;
    private readonly HashSet<DateOnly> holidays;

    public BusinessCalendar(IEnumerable<DayOfWeek> days, TimeOnly start, TimeOnly end, IEnumerable<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(start, end);
        foreach (var day in days)
        {
            dayMask |= 1 << (int)day;
        }

        if (dayMask == 0)
        {
            throw new ArgumentException("A business calendar needs at least one working day.", nameof(days));
        }

        Start = start;
        End = end;
        this.holidays = [.. holidays];
    }

    /// <summary>Monday to Friday, 09:00 to 17:00, no holidays.</summary>
    public static BusinessCalendar Weekdays { get; } = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0), new TimeOnly(17, 0), []);

    public TimeOnly Start { get; }

    /// <summary>Exclusive: a touch due at this time moves to the next opening.</summary>
    public TimeOnly End { get; }

    public IReadOnlyCollection<DateOnly> Holidays => holidays;

    public bool IsBusinessDay(DateOnly date) =>
        (dayMask & (1 << (int)date.DayOfWeek)) != 0 && (holidays.Count == 0 || !holidays.Contains(date));

    public DateOnly OnOrAfter(DateOnly date)
    {
        while (!IsBusinessDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>The <paramref name="days"/>-th business day after <paramref name="date"/> (0 gives the first business day on or after it).</summary>
    public DateOnly AddBusinessDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        date = OnOrAfter(date);
        for (var i = 0; i < days; i++)
        {
            date = OnOrAfter(date.AddDays(1));
        }

        return date;
    }

    /// <summary>The given local time if it falls inside business hours, else the next opening after it.</summary>
    public DateTime NextOpening(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        if (IsBusinessDay(date))
        {
            var time = TimeOnly.FromDateTime(local);
            if (time < Start)
            {
                return date.ToDateTime(Start);
            }

            if (time < End)
            {
                return local;
            }
        }

        return OnOrAfter(date.AddDays(1)).ToDateTime(Start);
    }

    public bool IsOpen(DateTime local) => NextOpening(local) == local;
}
