using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Metrics;

/// <summary>
/// The cadence metrics as one pure function over counts and the responded enrollments' rows (<see cref="MetricsInput"/>):
/// no I/O, no clock of its own. As the product defines them: reply rate = contacts who replied ÷ contacts enrolled × 100;
/// meetings per 100 = contacts with a meeting ÷ contacts enrolled × 100; time to first response = hours from the first
/// touch written to the first reply, averaged over the contacts who replied (the median beside it). A contact enrolled
/// twice counts once; figures are rounded to two decimals.
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
        var cadenceContacts = Sum(input.CadenceContacts);
        var segmentContacts = Sum(input.SegmentContacts);

        var cadences = new List<CadenceMetrics>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outline in outlines)
        {
            known.Add(outline.CadenceId);
            cadences.Add(ForCadence(outline, input, cadenceContacts.GetValueOrDefault(outline.CadenceId), responses));
        }

        foreach (var cadence in input.Enrollments.Select(t => t.CadenceId).Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            cadences.Add(ForCadence(new CadenceOutline(cadence, null, []), input, cadenceContacts.GetValueOrDefault(cadence), responses));
        }

        var segments = input.Enrollments.Select(t => t.Segment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(segment => new SegmentMetrics(segment, Figures(
                input.Enrollments.Where(t => t.Segment == segment),
                segmentContacts.GetValueOrDefault(segment),
                input.Overdue.Where(t => t.Segment == segment),
                [.. responses.Where(r => r.Enrollment.Segment == segment)])))
            .ToList();
        return new MetricsReport(cadences, segments);
    }

    private static Dictionary<string, int> Sum(IEnumerable<ContactTally> tallies) =>
        tallies.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(t => t.Contacts), StringComparer.Ordinal);

    private static Response ResponseOf(EnrollmentRecord enrollment, IEnumerable<StepRunRecord> runs, IEnumerable<OutcomeRecord> outcomes)
    {
        var written = runs.OrderBy(r => r.WrittenAt).ThenBy(r => r.StepNumber).ToList();
        var firstReply = outcomes.Where(o => o.Kind == OutcomeKind.Replied).Select(o => (DateTimeOffset?)o.OccurredAt).Min();
        var firstMeeting = outcomes.Where(o => o.Kind == OutcomeKind.MeetingBooked).Select(o => (DateTimeOffset?)o.OccurredAt).Min();
        var firstTouch = written.Count > 0 ? written[0].WrittenAt : (DateTimeOffset?)null;
        return new Response(
            enrollment,
            firstReply,
            firstReply is { } replied ? CreditedStep(written, replied) : null,
            firstMeeting is not null,
            firstMeeting is { } booked ? CreditedStep(written, booked) : null,
            firstReply is { } reply && firstTouch is { } touch && reply >= touch ? (reply - touch).TotalHours : null);
    }

    /// <summary>The last step written at or before the engagement: the touch it answered.</summary>
    private static StepRunRecord? CreditedStep(List<StepRunRecord> written, DateTimeOffset at) =>
        written.LastOrDefault(r => r.WrittenAt <= at);

    private static CadenceMetrics ForCadence(CadenceOutline outline, MetricsInput input, int contacts, List<Response> responses)
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
        var stepContacts = input.StepContacts.Where(t => t.CadenceId == outline.CadenceId)
            .GroupBy(t => t.StepId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Contacts), StringComparer.Ordinal);
        var steps = stepIds.Select((id, index) => ForStep(id, index + 1, [.. tallies.Where(t => t.StepId == id)], stepContacts, inCadence)).ToList();
        var figures = Figures(input.Enrollments.Where(t => t.CadenceId == outline.CadenceId), contacts, input.Overdue.Where(t => t.CadenceId == outline.CadenceId), inCadence);
        return new CadenceMetrics(outline.CadenceId, outline.Segment, figures, steps);
    }

    private static StepMetrics ForStep(string stepId, int position, List<StepTally> tallies, Dictionary<string, int> stepContacts, List<Response> responses)
    {
        var replies = responses.Where(r => r.ReplyCredit?.StepId == stepId).ToList();
        var meetings = responses.Where(r => r.MeetingCredit?.StepId == stepId).ToList();
        var variants = tallies.Where(t => t.Variant is not null)
            .GroupBy(t => t.Variant!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var contacts = g.Sum(t => t.Contacts);
                var variantReplies = replies.Where(r => r.ReplyCredit!.Variant == g.Key).ToList();
                var replied = Contacts(variantReplies);
                var booked = Contacts(meetings.Where(m => m.MeetingCredit!.Variant == g.Key));
                var times = TimeToFirstResponse(variantReplies);
                return new VariantMetrics(g.Key, contacts, replied, booked, Rate(replied, contacts), Rate(booked, contacts), times.AverageHours, times.MedianHours);
            })
            .ToList();
        var number = tallies.Count > 0 ? tallies.Min(t => t.StepNumber) : position;
        var stepContactCount = stepContacts.TryGetValue(stepId, out var counted) ? counted : tallies.Sum(t => t.Contacts);
        var stepReplied = Contacts(replies);
        var stepBooked = Contacts(meetings);
        var stepTimes = TimeToFirstResponse(replies);
        return new StepMetrics(
            stepId, number, tallies.Sum(t => t.Written), stepContactCount, stepReplied, stepBooked,
            Rate(stepReplied, stepContactCount), Rate(stepBooked, stepContactCount), stepTimes.AverageHours, stepTimes.MedianHours, variants);
    }

    private static OutcomeFigures Figures(IEnumerable<EnrollmentTally> enrollments, int contacts, IEnumerable<OverdueTally> overdue, List<Response> responses)
    {
        var tallies = enrollments.ToList();
        var enrolled = tallies.Sum(t => t.Count);
        var repliedContacts = Contacts(responses.Where(r => r.FirstReply is not null));
        var bookedContacts = Contacts(responses.Where(r => r.MeetingBooked));
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
            responses.Count(r => r.FirstReply is not null),
            responses.Count(r => r.MeetingBooked),
            contacts,
            repliedContacts,
            bookedContacts,
            Rate(repliedContacts, contacts),
            Rate(bookedContacts, contacts),
            TimeToFirstResponse(responses),
            overdue.Sum(t => t.Tasks));

        int InState(EnrollmentState state) => tallies.Where(t => t.State == state).Sum(t => t.Count);
    }

    private static int Contacts(IEnumerable<Response> responses) => responses.Select(r => r.Enrollment.Contact).Distinct().Count();

    /// <summary>Per contact who replied after a touch, its earliest reply's hours from that enrollment's first touch.</summary>
    private static ResponseTimes TimeToFirstResponse(IEnumerable<Response> responses)
    {
        var hours = responses.Where(r => r.HoursToReply is not null)
            .GroupBy(r => r.Enrollment.Contact)
            .Select(g => g.MinBy(r => r.FirstReply)!.HoursToReply!.Value)
            .ToList();
        return hours.Count == 0 ? ResponseTimes.None : new ResponseTimes(Round(hours.Average()), Median(hours));
    }

    private static double Rate(int count, int of) => of == 0 ? 0 : Round(count * 100.0 / of);

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return Round(values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2);
    }

    /// <summary>A responded enrollment: its first reply, the steps its first reply and first meeting are credited to, and the reply's hours from the first touch.</summary>
    private sealed record Response(
        EnrollmentRecord Enrollment,
        DateTimeOffset? FirstReply,
        StepRunRecord? ReplyCredit,
        bool MeetingBooked,
        StepRunRecord? MeetingCredit,
        double? HoursToReply);
}
