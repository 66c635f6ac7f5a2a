using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Worker.Metrics;

/// <param name="Enrolled">Enrollments; the state counts add up to it.</param>
/// <param name="Replied">Enrollments with a reply (rates count contacts: <see cref="ContactsReplied"/>).</param>
/// <param name="ReplyRate">Contacts who replied ÷ contacts enrolled × 100.</param>
/// <param name="MeetingsPer100">Contacts with a meeting ÷ contacts enrolled × 100.</param>
/// <param name="AverageTimeToFirstResponseHours">Mean hours from the first touch written to the first reply, per contact who replied.</param>
/// <param name="MedianTimeToFirstResponseHours">The median of the same.</param>
public sealed record CadenceFiguresJson(
    string Cadence,
    string? Segment,
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
    double? AverageTimeToFirstResponseHours,
    double? MedianTimeToFirstResponseHours,
    int OverdueTasks,
    IReadOnlyList<StepMetrics> Steps)
{
    public static CadenceFiguresJson From(CadenceMetrics metrics)
    {
        var f = metrics.Figures;
        return new(metrics.Cadence, metrics.Segment, f.Enrolled, f.Active, f.Paused, f.Held, f.Completed, f.Exited, f.Replied, f.MeetingsBooked,
            f.ContactsEnrolled, f.ContactsReplied, f.ContactsWithMeeting, f.ReplyRate, f.MeetingsPer100,
            f.TimeToFirstResponse.AverageHours, f.TimeToFirstResponse.MedianHours, f.OverdueTasks, metrics.Steps);
    }
}
