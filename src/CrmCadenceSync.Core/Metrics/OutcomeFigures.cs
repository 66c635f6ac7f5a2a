namespace CrmCadenceSync.Core.Metrics;

/// <summary>The figures reported for a cadence and for a segment alike.</summary>
/// <param name="Enrolled">Enrollments (a contact enrolled twice counts twice); the states below add up to it.</param>
/// <param name="Exited">Exited enrollments by stored exit (<c>Replied</c>, <c>CallOutcome:not interested</c>).</param>
/// <param name="Replied">Enrollments with a reply.</param>
/// <param name="MeetingsBooked">Enrollments with a booked meeting.</param>
/// <param name="ContactsEnrolled">Distinct contacts enrolled.</param>
/// <param name="ContactsReplied">Distinct contacts who replied.</param>
/// <param name="ContactsWithMeeting">Distinct contacts with a booked meeting.</param>
/// <param name="ReplyRate">Contacts who replied ÷ contacts enrolled × 100.</param>
/// <param name="MeetingsPer100">Contacts with a meeting ÷ contacts enrolled × 100.</param>
/// <param name="TimeToFirstResponse">Hours from the first touch written to the first reply, per contact who replied.</param>
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
    int ContactsEnrolled,
    int ContactsReplied,
    int ContactsWithMeeting,
    double ReplyRate,
    double MeetingsPer100,
    ResponseTimes TimeToFirstResponse,
    int OverdueTasks);
