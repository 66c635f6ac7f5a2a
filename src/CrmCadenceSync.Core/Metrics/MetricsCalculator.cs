using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Metrics;

/// <summary>
/// The cadence metrics as one pure function over plain records: no I/O, no clock of its own. Rates are per enrollment
/// (a contact enrolled twice counts twice), rounded to two decimals.
/// </summary>
public static class MetricsCalculator
{
    public static MetricsReport Compute(
        IReadOnlyList<CadenceOutline> outlines,
        IReadOnlyList<EnrollmentRecord> enrollments,
        IReadOnlyList<StepRunRecord> stepRuns,
        IReadOnlyList<OutcomeRecord> outcomes,
        DateTimeOffset now)
    {
        var runsByEnrollment = stepRuns.ToLookup(r => r.EnrollmentId);
        var outcomesByEnrollment = outcomes.ToLookup(o => o.EnrollmentId);
        var completedTasks = outcomes.Where(o => o.Kind == OutcomeKind.TaskCompleted && o.TaskKey is not null)
            .Select(o => o.TaskKey!).ToHashSet(StringComparer.Ordinal);
        var facts = enrollments.Select(e => Fact(e, runsByEnrollment[e.Id], outcomesByEnrollment[e.Id], completedTasks, now)).ToList();

        var cadences = new List<CadenceMetrics>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outline in outlines)
        {
            known.Add(outline.CadenceId);
            cadences.Add(ForCadence(outline, facts.Where(f => f.Enrollment.CadenceId == outline.CadenceId).ToList()));
        }

        foreach (var group in facts.Where(f => !known.Contains(f.Enrollment.CadenceId)).GroupBy(f => f.Enrollment.CadenceId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cadences.Add(ForCadence(new CadenceOutline(group.Key, null, []), [.. group]));
        }

        var segments = facts.GroupBy(f => f.Enrollment.Segment, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SegmentMetrics(g.Key, Figures([.. g])))
            .ToList();
        return new MetricsReport(cadences, segments);
    }

    private static EnrollmentFact Fact(
        EnrollmentRecord enrollment, IEnumerable<StepRunRecord> runs, IEnumerable<OutcomeRecord> outcomes, HashSet<string> completedTasks, DateTimeOffset now)
    {
        var written = runs.OrderBy(r => r.WrittenAt).ThenBy(r => r.StepNumber).ToList();
        var firstReply = outcomes.Where(o => o.Kind == OutcomeKind.Replied).Select(o => (DateTimeOffset?)o.OccurredAt).Min();
        var firstMeeting = outcomes.Where(o => o.Kind == OutcomeKind.MeetingBooked).Select(o => (DateTimeOffset?)o.OccurredAt).Min();
        DateTimeOffset? firstResponse = firstReply is null ? firstMeeting : firstMeeting is null ? firstReply : Min(firstReply.Value, firstMeeting.Value);
        var overdue = written.Count(r => r.TaskKey is not null && r.DueAt < now && !completedTasks.Contains(r.TaskKey));
        return new EnrollmentFact(
            enrollment,
            written,
            firstReply is { } replied ? CreditedStep(written, replied) : null,
            firstMeeting is { } booked ? CreditedStep(written, booked) : null,
            firstReply is not null,
            firstMeeting is not null,
            firstResponse is { } response ? (response - enrollment.EnrolledAt).TotalHours : null,
            overdue);
    }

    /// <summary>The last step written at or before the engagement: the touch it answered.</summary>
    private static StepRunRecord? CreditedStep(List<StepRunRecord> written, DateTimeOffset at) =>
        written.LastOrDefault(r => r.WrittenAt <= at);

    private static CadenceMetrics ForCadence(CadenceOutline outline, List<EnrollmentFact> facts)
    {
        var stepIds = outline.Steps.ToList();
        foreach (var run in facts.SelectMany(f => f.Written).OrderBy(r => r.StepNumber))
        {
            if (!stepIds.Contains(run.StepId, StringComparer.Ordinal))
            {
                stepIds.Add(run.StepId);
            }
        }

        var steps = stepIds.Select((id, index) => ForStep(id, index + 1, facts)).ToList();
        return new CadenceMetrics(outline.CadenceId, outline.Segment, Figures(facts), steps);
    }

    private static StepMetrics ForStep(string stepId, int position, List<EnrollmentFact> facts)
    {
        var runs = facts.SelectMany(f => f.Written.Where(r => r.StepId == stepId).Select(r => (Fact: f, Run: r))).ToList();
        var replies = facts.Where(f => f.ReplyCredit?.StepId == stepId).Select(f => f.ReplyCredit!).ToList();
        var meetings = facts.Where(f => f.MeetingCredit?.StepId == stepId).Select(f => f.MeetingCredit!).ToList();
        var variants = runs.Where(r => r.Run.Variant is not null)
            .GroupBy(r => r.Run.Variant!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var contacts = g.Count();
                var variantReplies = replies.Count(r => r.Variant == g.Key);
                var variantMeetings = meetings.Count(m => m.Variant == g.Key);
                return new VariantMetrics(g.Key, contacts, variantReplies, variantMeetings, Rate(variantReplies, contacts), Rate(variantMeetings, contacts));
            })
            .ToList();
        var number = runs.Count > 0 ? runs[0].Run.StepNumber : position;
        return new StepMetrics(stepId, number, runs.Count, replies.Count, meetings.Count, variants);
    }

    private static OutcomeFigures Figures(List<EnrollmentFact> facts)
    {
        var enrolled = facts.Count;
        var replied = facts.Count(f => f.Replied);
        var booked = facts.Count(f => f.MeetingBooked);
        var exited = facts.Where(f => f.Enrollment.State == EnrollmentState.Exited)
            .GroupBy(f => f.Enrollment.Exit ?? "Unknown", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new OutcomeFigures(
            enrolled,
            facts.Count(f => f.Enrollment.State == EnrollmentState.Active),
            facts.Count(f => f.Enrollment.State == EnrollmentState.Paused),
            facts.Count(f => f.Enrollment.State == EnrollmentState.Held),
            facts.Count(f => f.Enrollment.State == EnrollmentState.Completed),
            exited,
            replied,
            booked,
            Rate(replied, enrolled),
            Rate(booked, enrolled),
            Median([.. facts.Where(f => f.HoursToFirstResponse is not null).Select(f => f.HoursToFirstResponse!.Value)]),
            facts.Sum(f => f.OverdueTasks));
    }

    private static double Rate(int count, int of) => of == 0 ? 0 : Math.Round(count * 100.0 / of, 2, MidpointRounding.AwayFromZero);

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return Math.Round(median, 2, MidpointRounding.AwayFromZero);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private sealed record EnrollmentFact(
        EnrollmentRecord Enrollment,
        List<StepRunRecord> Written,
        StepRunRecord? ReplyCredit,
        StepRunRecord? MeetingCredit,
        bool Replied,
        bool MeetingBooked,
        double? HoursToFirstResponse,
        int OverdueTasks);
}
