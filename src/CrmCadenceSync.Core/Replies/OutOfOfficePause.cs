namespace CrmCadenceSync.Core.Replies;

/// <summary>
/// When a cadence paused by an auto-reply picks up again: at the start of the return day in the contact's zone, or, when
/// the reply names no day, <c>Compliance:OutOfOfficePauseDays</c> after the day it came. The scheduler then finds the
/// first business opening from there, keeping the step's gap.
/// </summary>
public static class OutOfOfficePause
{
    public static DateTimeOffset ResumeAt(DateOnly? returnDate, DateTimeOffset receivedAt, TimeZoneInfo zone, int fallbackDays)
    {
        var receivedLocal = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, zone).DateTime);
        var day = returnDate is { } back && back >= receivedLocal ? back : receivedLocal.AddDays(fallbackDays);
        return StartOf(day, zone);
    }

    /// <summary>Midnight of <paramref name="day"/> in the zone (the first valid instant of the day, if midnight falls in a gap).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
