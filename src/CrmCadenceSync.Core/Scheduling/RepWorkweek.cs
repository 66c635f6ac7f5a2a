namespace CrmCadenceSync.Core.Scheduling;

/// <summary>The zone a rep's days are counted in and the days the rep works.</summary>
public sealed record RepWorkweek(TimeZoneInfo Zone, BusinessCalendar Calendar);
