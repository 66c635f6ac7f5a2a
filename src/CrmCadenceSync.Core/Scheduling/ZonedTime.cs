namespace CrmCadenceSync.Core.Scheduling;

/// <summary>Conversions between instants and wall-clock times that settle DST gaps and repeats one way, always.</summary>
public static class ZonedTime
{
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// The instant a wall-clock time names. A time in the spring-forward gap does not exist: it moves forward
    /// by the gap (02:30 becomes 03:30 in New York). A time in the autumn repeat hour exists twice: the first
    /// occurrence wins, so a touch never comes an hour late.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Read with the offset in force before the gap, the wall time lands the same distance past it.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return new DateTimeOffset(local, before).ToOffset(zone.GetUtcOffset(local.AddDays(1)));
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
