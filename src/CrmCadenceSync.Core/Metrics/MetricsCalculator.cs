using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Metrics;

/// <summary>
/// The cadence metrics as one pure function over counts and the responded enrollments' rows (<see cref="MetricsInput"/>):
/// no I/O, no clock of its own. Rates are per enrollment (a contact enrolled twice counts twice), rounded to two decimals.
/// </summary>
public static class MetricsCalculator
{
    public static MetricsReport Compute(IReadOnlyList<CadenceOutline> outlines, MetricsInput input)
    {
        ArgumentNullException.ThrowIfNull(outlines);
        ArgumentNullException.ThrowIfNull(input);
        var runsByEnrollment = input.RespondedRuns.ToLookup(r => r.EnrollmentId);
        var outcomesByEnrollment = input.RespondedOutcomes.ToLookup(o => o.EnrollmentId);
        var responses = input.Responded.Select(e => ResponseOf(e, runsByEnrollment[e.Id], outcomesByEnrollment[e.Id])).ToList();

        var cadences = new List<CadenceMetrics>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outline in outlines)
        {
            known.Add(outline.CadenceId);
            cadences.Add(ForCadence(outline, input, responses));
        }

        foreach (var cadence in input.Enrollments.Select(t => t.CadenceId).Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            cadences.Add(ForCadence(new CadenceOutline(cadence, null, []), input, responses));
        }

        var segments = input.Enrollments.Select(t => t.Segment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(segment => new SegmentMetrics(segment, Figures(
                input.Enrollments.Where(t => t.Segment == segment),
                input.Overdue.Where(t => t.Segment == segment),
                [.. responses.Where(r => r.Enrollment.Segment == segment)])))
            .ToList();
        return new MetricsReport(cadences, segments);
    }

    private static Response ResponseOf(EnrollmentRecord enrollment, IEnumerable<StepRunRecord> runs, IEnumerable<OutcomeRecord> outcomes)
    {
        var written = runs.OrderBy(r => r.WrittenAt).ThenBy(r => r.StepNumber).ToList();
        var firstReply = outcomes.Where(o => o.Kind == OutcomeKind.Replied).Select(o => (DateTimeOffset?)o.OccurredAt).Min();
        var firstMeeting = outcomes.Where(o => o.Kind == OutcomeKind.MeetingBooked).Select(o => (DateTimeOffset?)o.OccurredAt).Min();
        DateTimeOffset? firstResponse = firstReply is null ? firstMeeting : firstMeeting is null ? firstReply : Min(firstReply.Value, firstMeeting.Value);
        return new Response(
            enrollment,
            firstReply is { } replied ? CreditedStep(written, replied) : null,
            firstMeeting is { } booked ? CreditedStep(written, booked) : null,
            firstReply is not null,
            firstMeeting is not null,
            firstResponse is { } response ? (response - enrollment.EnrolledAt).TotalHours : null);
    }

    /// <summary>The last step written at or before the engagement: the touch it answered.</summary>
    private static StepRunRecord? CreditedStep(List<StepRunRecord> written, DateTimeOffset at) =>
        written.LastOrDefault(r => r.WrittenAt <= at);

    private static CadenceMetrics ForCadence(CadenceOutline outline, MetricsInput input, List<Response> responses)
    {
        var tallies = input.Steps.Where(t => t.CadenceId == outline.CadenceId).ToList();
        var stepIds = outline.Steps.ToList();
        foreach (var tally in tallies.OrderBy(t => t.StepNumber).ThenBy(t => t.StepId, StringComparer.Ordinal))
        {
            if (!stepIds.Contains(tally.StepId, StringComparer.Ordinal))
            {
                stepIds.Add(tally.StepId);
            }
        }

        var inCadence = responses.Where(r => r.Enrollment.CadenceId == outline.CadenceId).ToList();
        var steps = stepIds.Select((id, index) => ForStep(id, index + 1, [.. tallies.Where(t => t.StepId == id)], inCadence)).ToList();
        var figures = Figures(input.Enrollments.Where(t => t.CadenceId == outline.CadenceId), input.Overdue.Where(t => t.CadenceId == outline.CadenceId), inCadence);
        return new CadenceMetrics(outline.CadenceId, outline.Segment, figures, steps);
    }

    private static StepMetrics ForStep(string stepId, int position, List<StepTally> tallies, List<Response> responses)
    {
        var replies = responses.Where(r => r.ReplyCredit?.StepId == stepId).Select(r => r.ReplyCredit!).ToList();
        var meetings = responses.Where(r => r.MeetingCredit?.StepId == stepId).Select(r => r.MeetingCredit!).ToList();
        var variants = tallies.Where(t => t.Variant is not null)
            .GroupBy(t => t.Variant!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var contacts = g.Sum(t => t.Written);
                var variantReplies = replies.Count(r => r.Variant == g.Key);
                var variantMeetings = meetings.Count(m => m.Variant == g.Key);
                return new VariantMetrics(g.Key, contacts, variantReplies, variantMeetings, Rate(variantReplies, contacts), Rate(variantMeetings, contacts));
            })
            .ToList();
        var number = tallies.Count > 0 ? tallies.Min(t => t.StepNumber) : position;
        return new StepMetrics(stepId, number, tallies.Sum(t => t.Written), replies.Count, meetings.Count, variants);
    }

    private static OutcomeFigures Figures(IEnumerable<EnrollmentTally> enrollments, IEnumerable<OverdueTally> overdue, List<Response> responses)
    {
        var tallies = enrollments.ToList();
        var enrolled = tallies.Sum(t => t.Count);
        var replied = responses.Count(r => r.Replied);
        var booked = responses.Count(r => r.MeetingBooked);
        var exited = tallies.Where(t => t.State == EnrollmentState.Exited)
            .GroupBy(t => t.Exit ?? "Unknown", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Count), StringComparer.Ordinal);
        return new OutcomeFigures(
            enrolled,
            InState(EnrollmentState.Active),
            InState(EnrollmentState.Paused),
            InState(EnrollmentState.Held),
            InState(EnrollmentState.Completed),
            exited,
            replied,
            booked,
            Rate(replied, enrolled),
            Rate(booked, enrolled),
            Median([.. responses.Where(r => r.HoursToFirstResponse is not null).Select(r => r.HoursToFirstResponse!.Value)]),
            overdue.Sum(t => t.Tasks));

        int InState(EnrollmentState state) => tallies.Where(t => t.State == state).Sum(t => t.Count);
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

    /// <summary>A responded enrollment: the steps its first reply and first meeting are credited to, and its first response time.</summary>
    private sealed record Response(
        EnrollmentRecord Enrollment,
        StepRunRecord? ReplyCredit,
        StepRunRecord? MeetingCredit,
        bool Replied,
        bool MeetingBooked,
        double? HoursToFirstResponse);
}
