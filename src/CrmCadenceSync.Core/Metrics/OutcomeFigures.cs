namespace CrmCadenceSync.Core.Metrics;

/// <summary>The figures reported for a cadence and for a segment alike.</summary>
/// <param name="Exited">Exited enrollments by stored exit (<c>Replied</c>, <c>CallOutcome:not interested</c>).</param>
/// <param name="ReplyRate">Enrollments with a reply ÷ enrolled × 100.</param>
/// <param name="MeetingsPer100">Enrollments with a booked meeting ÷ enrolled × 100.</param>
/// <param name="MedianTimeToFirstResponseHours">Median hours from enrollment to the first reply or meeting; null when none responded.</param>
/// <param name="OverdueTasks">Tasks written, past due, that the CRM has not reported completed.</param>
public sealed record OutcomeFigures(
    int Enrolled,
    int Active,
    int Paused,
    int Held,
    int Completed,
    IReadOnlyDictionary<string, int> Exited,
    int Replied,
    int MeetingsBooked,
    double ReplyRate,
    double MeetingsPer100,
    double? MedianTimeToFirstResponseHours,
    int OverdueTasks);
