using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Core.Tests.Metrics;

public sealed class MetricsCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly CadenceOutline Hot = new("hot", "Hot", ["email-1", "call-1"]);

    [Fact]
    public void Ten_contacts_three_replied_two_booked_gives_30_replies_and_20_meetings_per_100_and_hours_from_the_first_touch_to_the_first_reply()
    {
        var responded = Enumerable.Range(0, 4).Select(Enrollment).ToList();
        List<StepRunRecord> runs = [.. responded.Select(r => new StepRunRecord(r.Id, "email-1", 1, null, Start.AddHours(1)))];
        List<OutcomeRecord> outcomes =
        [
            new(responded[0].Id, OutcomeKind.Replied, Start.AddHours(5)),
            new(responded[1].Id, OutcomeKind.Replied, Start.AddHours(30)),
            new(responded[2].Id, OutcomeKind.Replied, Start.AddHours(50)),
            // Booked after replying: one contact, its first response is still the reply.
            new(responded[0].Id, OutcomeKind.MeetingBooked, Start.AddHours(8)),
            new(responded[3].Id, OutcomeKind.MeetingBooked, Start.AddHours(10)),
        ];
        var input = MetricsInput.Empty with
        {
            Enrollments = [new("hot", "Hot", EnrollmentState.Active, null, 10)], CadenceContacts = [new("hot", 10)],
            Responded = responded, RespondedRuns = runs, RespondedOutcomes = outcomes,
        };

        var hot = MetricsCalculator.Compute([Hot], input).Cadences.Single();

        Assert.Equal(10, hot.Figures.Enrolled);
        Assert.Equal(30.0, hot.Figures.ReplyRate);
        Assert.Equal(20.0, hot.Figures.MeetingsPer100);
        Assert.Equal((3, 2), (hot.Figures.ContactsReplied, hot.Figures.ContactsWithMeeting));

        // Replies 4, 29 and 49 h after the first touch (written 1 h after enrollment); a meeting is not a reply.
        Assert.Equal(new ResponseTimes(27.33, 29.0), hot.Figures.TimeToFirstResponse);
    }

    [Fact]
    public void A_reply_is_credited_to_the_last_step_written_before_it_and_to_that_steps_variant()
    {
        var a = Enrollment(0);
        List<StepRunRecord> runs =
        [
            new(a.Id, "email-1", 1, "idea", Start),
            new(a.Id, "call-1", 2, null, Start.AddDays(2)),
        ];
        var input = new MetricsInput(
            [new("hot", "Hot", EnrollmentState.Exited, "Replied", 1), new("hot", "Hot", EnrollmentState.Active, null, 1)],
            [new("hot", 2)],
            [new("Hot", 2)],
            [new("hot", "email-1", 1, "idea", 1, 1), new("hot", "email-1", 1, "question", 1, 1), new("hot", "call-1", 2, null, 1, 1)],
            [new("hot", "email-1", 2), new("hot", "call-1", 1)],
            [new("hot", "Hot", 2)],
            [a],
            runs,
            [new(a.Id, OutcomeKind.Replied, Start.AddDays(1))]);

        var report = MetricsCalculator.Compute([Hot], input);
        var hot = report.Cadences.Single();

        var email = hot.Steps[0];
        Assert.Equal(("email-1", 2, 1), (email.StepId, email.Written, email.Replies));
        Assert.Equal(
            [new VariantMetrics("idea", 1, 1, 0, 100.0, 0.0, 24.0, 24.0), new VariantMetrics("question", 1, 0, 0, 0.0, 0.0, null, null)],
            email.Variants);
        Assert.Equal(("call-1", 1, 0), (hot.Steps[1].StepId, hot.Steps[1].Written, hot.Steps[1].Replies));
        Assert.Equal(2, hot.Figures.OverdueTasks);
        Assert.Equal(new Dictionary<string, int> { ["Replied"] = 1 }, hot.Figures.Exited);
        Assert.Equal(("Hot", 2, 50.0), (report.Segments.Single().Segment, report.Segments.Single().Figures.Enrolled, report.Segments.Single().Figures.ReplyRate));
    }

    [Fact]
    public void Steps_of_an_older_rule_set_and_cadences_no_longer_in_it_are_still_reported()
    {
        var input = MetricsInput.Empty with
        {
            Enrollments = [new("hot", "Hot", EnrollmentState.Completed, null, 3), new("retired", "Warm", EnrollmentState.Exited, null, 2)],
            Steps = [new("hot", "sms-1", 3, null, 3, 3), new("retired", "call-9", 1, null, 2, 2)],
        };

        var report = MetricsCalculator.Compute([Hot], input);

        Assert.Equal(["hot", "retired"], report.Cadences.Select(c => c.Cadence));
        Assert.Equal(["email-1", "call-1", "sms-1"], report.Cadences[0].Steps.Select(s => s.StepId));
        Assert.Equal((3, 3), (report.Cadences[0].Steps[2].StepNumber, report.Cadences[0].Steps[2].Written));
        Assert.Equal(new Dictionary<string, int> { ["Unknown"] = 2 }, report.Cadences[1].Figures.Exited);
        Assert.Equal(["Hot", "Warm"], report.Segments.Select(s => s.Segment));
    }

    [Fact]
    public void Nothing_enrolled_reports_zeros_and_no_median()
    {
        var hot = MetricsCalculator.Compute([Hot], MetricsInput.Empty).Cadences.Single();

        Assert.Equal((0, 0, 0.0, 0.0, ResponseTimes.None), (hot.Figures.Enrolled, hot.Figures.ContactsEnrolled, hot.Figures.ReplyRate, hot.Figures.MeetingsPer100, hot.Figures.TimeToFirstResponse));
        Assert.Equal(["email-1", "call-1"], hot.Steps.Select(s => s.StepId));
    }

    [Fact]
    public void A_contact_enrolled_twice_counts_once_and_its_earliest_reply_times_the_first_response()
    {
        var first = Enrollment(0);
        var again = Enrollment(1) with { Contact = first.Contact };
        var input = MetricsInput.Empty with
        {
            Enrollments = [new("hot", "Hot", EnrollmentState.Exited, "Replied", 3)],
            CadenceContacts = [new("hot", 2)],
            SegmentContacts = [new("Hot", 2)],
            Responded = [first, again],
            RespondedRuns = [new(first.Id, "email-1", 1, null, Start), new(again.Id, "email-1", 1, null, Start.AddDays(100))],
            RespondedOutcomes = [new(first.Id, OutcomeKind.Replied, Start.AddHours(6)), new(again.Id, OutcomeKind.Replied, Start.AddDays(100).AddHours(2))],
        };

        var report = MetricsCalculator.Compute([Hot], input);

        var hot = report.Cadences.Single();
        Assert.Equal((3, 2, 2, 1, 50.0), (hot.Figures.Enrolled, hot.Figures.Replied, hot.Figures.ContactsEnrolled, hot.Figures.ContactsReplied, hot.Figures.ReplyRate));
        Assert.Equal(new ResponseTimes(6.0, 6.0), hot.Figures.TimeToFirstResponse);
        Assert.Equal(50.0, report.Segments.Single().Figures.ReplyRate);
        Assert.Equal(1, hot.Steps[0].Replies);
    }

    private static EnrollmentRecord Enrollment(int i) => new(new Guid(i + 1, 0, 0, new byte[8]), "hot", "Hot", new ContactKey("hubspot", $"{i + 1}"), Start);
}
