using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Metrics;

namespace CrmCadenceSync.Core.Tests.Metrics;

public sealed class MetricsCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly CadenceOutline Hot = new("hot", "Hot", ["email-1", "call-1"]);

    [Fact]
    public void Ten_enrolled_three_replied_two_booked_gives_30_replies_and_20_meetings_per_100_and_the_median_of_the_first_responses()
    {
        var enrollments = Enumerable.Range(0, 10).Select(i => Enrollment(i, EnrollmentState.Active)).ToList();
        List<OutcomeRecord> outcomes =
        [
            new(enrollments[0].Id, OutcomeKind.Replied, Start.AddHours(5)),
            new(enrollments[1].Id, OutcomeKind.Replied, Start.AddHours(30)),
            new(enrollments[2].Id, OutcomeKind.Replied, Start.AddHours(50)),
            // Booked after replying: one contact, its first response is still the reply.
            new(enrollments[0].Id, OutcomeKind.MeetingBooked, Start.AddHours(8)),
            new(enrollments[3].Id, OutcomeKind.MeetingBooked, Start.AddHours(10)),
        ];

        var hot = MetricsCalculator.Compute([Hot], enrollments, [], outcomes, Start.AddDays(3)).Cadences.Single();

        Assert.Equal(10, hot.Figures.Enrolled);
        Assert.Equal(30.0, hot.Figures.ReplyRate);
        Assert.Equal(20.0, hot.Figures.MeetingsPer100);
        Assert.Equal(20.0, hot.Figures.MedianTimeToFirstResponseHours); // first responses 5, 10, 30, 50 h
    }

    [Fact]
    public void A_reply_is_credited_to_the_last_step_written_before_it_and_to_that_steps_variant()
    {
        var a = Enrollment(0, EnrollmentState.Exited, "Replied");
        var b = Enrollment(1, EnrollmentState.Active);
        List<StepRunRecord> runs =
        [
            new(a.Id, "email-1", 1, "idea", Start, Start, "a:email-1:0"),
            new(a.Id, "call-1", 2, null, Start.AddDays(2), Start.AddDays(2), "a:call-1:0"),
            new(b.Id, "email-1", 1, "question", Start, Start, "b:email-1:0"),
        ];
        List<OutcomeRecord> outcomes =
        [
            new(a.Id, OutcomeKind.Replied, Start.AddDays(1)),
            new(b.Id, OutcomeKind.TaskCompleted, Start.AddHours(1), "b:email-1:0"),
        ];

        var report = MetricsCalculator.Compute([Hot], [a, b], runs, outcomes, Start.AddDays(3));
        var hot = report.Cadences.Single();

        var email = hot.Steps[0];
        Assert.Equal(("email-1", 2, 1), (email.StepId, email.Written, email.Replies));
        Assert.Equal(
            [new VariantMetrics("idea", 1, 1, 0, 100.0, 0.0), new VariantMetrics("question", 1, 0, 0, 0.0, 0.0)],
            email.Variants);
        Assert.Equal(("call-1", 1, 0), (hot.Steps[1].StepId, hot.Steps[1].Written, hot.Steps[1].Replies));
        // a's two tasks are past due and not completed in the CRM; b's email task was completed.
        Assert.Equal(2, hot.Figures.OverdueTasks);
        Assert.Equal(new Dictionary<string, int> { ["Replied"] = 1 }, hot.Figures.Exited);
        Assert.Equal(("Hot", 2, 50.0), (report.Segments.Single().Segment, report.Segments.Single().Figures.Enrolled, report.Segments.Single().Figures.ReplyRate));
    }

    [Fact]
    public void Nothing_enrolled_reports_zeros_and_no_median()
    {
        var hot = MetricsCalculator.Compute([Hot], [], [], [], Start).Cadences.Single();

        Assert.Equal((0, 0.0, 0.0, (double?)null), (hot.Figures.Enrolled, hot.Figures.ReplyRate, hot.Figures.MeetingsPer100, hot.Figures.MedianTimeToFirstResponseHours));
        Assert.Equal(["email-1", "call-1"], hot.Steps.Select(s => s.StepId));
    }

    private static EnrollmentRecord Enrollment(int i, EnrollmentState state, string? exit = null) =>
        new(new Guid(i + 1, 0, 0, new byte[8]), "hot", "Hot", state, exit, Start);
}
