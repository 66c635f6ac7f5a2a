using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Worker.Metrics;

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
    double ReplyRate,
    double MeetingsPer100,
    double? MedianTimeToFirstResponseHours,
    int OverdueTasks,
    IReadOnlyList<StepMetrics> Steps)
{
    public static CadenceFiguresJson From(CadenceMetrics metrics)
    {
        var f = metrics.Figures;
        return new(metrics.Cadence, metrics.Segment, f.Enrolled, f.Active, f.Paused, f.Held, f.Completed, f.Exited, f.Replied, f.MeetingsBooked,
            f.ReplyRate, f.MeetingsPer100, f.MedianTimeToFirstResponseHours, f.OverdueTasks, metrics.Steps);
    }
}
