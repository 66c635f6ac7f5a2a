using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>The figures of <see cref="CadenceFiguresJson"/> over every enrollment made for a segment.</summary>
public sealed record SegmentFiguresJson(
    string Segment,
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
    int OverdueTasks)
{
    public static SegmentFiguresJson From(SegmentMetrics metrics)
    {
        var f = metrics.Figures;
        return new(metrics.Segment, f.Enrolled, f.Active, f.Paused, f.Held, f.Completed, f.Exited, f.Replied, f.MeetingsBooked,
            f.ContactsEnrolled, f.ContactsReplied, f.ContactsWithMeeting, f.ReplyRate, f.MeetingsPer100,
            f.TimeToFirstResponse.AverageHours, f.TimeToFirstResponse.MedianHours, f.OverdueTasks);
    }
}
