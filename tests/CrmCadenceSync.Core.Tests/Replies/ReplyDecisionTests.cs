using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Metrics;
using CrmCadenceSync.Core.Replies;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Replies;

public sealed class ReplyDecisionTests
{
    private static readonly DateTimeOffset Enrolled = new(2026, 12, 14, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en-human", ExitReason.Replied)]
    [InlineData("de-human", ExitReason.Replied)]
    [InlineData("fr-human", ExitReason.Replied)]
    [InlineData("es-human", ExitReason.Replied)]
    [InlineData("en-left", ExitReason.LeftCompany)]
    [InlineData("de-left", ExitReason.LeftCompany)]
    [InlineData("fr-left", ExitReason.LeftCompany)]
    [InlineData("es-left", ExitReason.LeftCompany)]
    [InlineData("en-unsubscribe", ExitReason.OptedOut)]
    [InlineData("de-unsubscribe", ExitReason.OptedOut)]
    [InlineData("fr-unsubscribe", ExitReason.OptedOut)]
    [InlineData("es-unsubscribe", ExitReason.OptedOut)]
    public void A_reply_exits_by_its_kind(string fixture, ExitReason expected)
    {
        var reply = ReplyFixtures.Load(fixture);
        var contact = TestRules.Contact(82) with { LastRepliedAt = reply.ReceivedAt, LastReply = reply };

        var decision = EnrollmentEngine.Decide(contact, contact, TestRules.Compile(), Open(), reply.ReceivedAt.AddMinutes(5));

        Assert.Equal(expected, Assert.IsType<ExitDecision>(decision).Reason);
    }

    [Theory]
    [InlineData("en-ooo")]
    [InlineData("de-ooo")]
    [InlineData("fr-ooo")]
    [InlineData("es-ooo")]
    public void An_out_of_office_pauses_until_the_return_day_in_the_contacts_zone_and_is_handled_once(string fixture)
    {
        var reply = ReplyFixtures.Load(fixture);
        var contact = TestRules.Contact(82) with { LastRepliedAt = reply.ReceivedAt, LastReply = reply, TimeZone = "america_slash_new_york" };
        var rules = TestRules.Compile();

        var decision = Assert.IsType<AutoReplyPauseDecision>(EnrollmentEngine.Decide(contact, contact, rules, Open(), reply.ReceivedAt.AddMinutes(5)));
        var paused = DecisionApplier.Apply(decision, contact, Open(), reply.ReceivedAt.AddMinutes(5), Guid.NewGuid()).Updated!;

        Assert.Equal(new DateOnly(2027, 1, 14), decision.ReturnDate);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(new DateTimeOffset(2027, 1, 14, 5, 0, 0, TimeSpan.Zero), OutOfOfficePause.ResumeAt(decision.ReturnDate, reply.ReceivedAt, newYork, 7).ToUniversalTime());
        Assert.True(paused.IsOpen);
        Assert.Equal(reply.ReceivedAt, paused.AutoReplyAt);

        // The same auto-reply again (a poll, a webhook) changes nothing; it is no reply in the metrics either.
        Assert.IsType<NoChangeDecision>(EnrollmentEngine.Decide(contact, contact, rules, paused, reply.ReceivedAt.AddHours(1)));
        Assert.IsType<NoChangeDecision>(EnrollmentEngine.Decide(contact with { LastReply = null }, contact, rules, paused, reply.ReceivedAt.AddHours(1)));
        Assert.DoesNotContain(EngagementOutcomes.Detect(contact, Open()), o => o.Kind == OutcomeKind.Replied);
        Assert.DoesNotContain(EngagementOutcomes.Detect(contact with { LastReply = null }, paused), o => o.Kind == OutcomeKind.Replied);

        // The person's own answer later ends it as a reply and counts.
        var answer = ReplyFixtures.Load("en-human") with { ReceivedAt = reply.ReceivedAt.AddDays(25) };
        var answered = contact with { LastRepliedAt = answer.ReceivedAt, LastReply = answer };
        Assert.Equal(ExitReason.Replied, Assert.IsType<ExitDecision>(EnrollmentEngine.Decide(answered, contact, rules, paused, answer.ReceivedAt)).Reason);
        Assert.Contains(EngagementOutcomes.Detect(answered, paused), o => o.Kind == OutcomeKind.Replied && o.At == answer.ReceivedAt);
    }

    [Fact]
    public void A_reply_signal_without_a_message_to_read_exits_as_replied()
    {
        var contact = TestRules.Contact(82) with { LastRepliedAt = Enrolled.AddDays(2) };

        Assert.Equal(ExitReason.Replied, Assert.IsType<ExitDecision>(EnrollmentEngine.Decide(contact, contact, TestRules.Compile(), Open(), Enrolled.AddDays(2))).Reason);
        Assert.Contains(EngagementOutcomes.Detect(contact, Open()), o => o.Kind == OutcomeKind.Replied);
    }

    [Fact]
    public void An_unsubscribe_reply_counts_as_a_reply_and_an_opt_out()
    {
        var reply = ReplyFixtures.Load("de-unsubscribe");
        var contact = TestRules.Contact(82) with { LastRepliedAt = reply.ReceivedAt, LastReply = reply };

        var outcomes = EngagementOutcomes.Detect(contact, Open()).Select(o => o.Kind).ToList();

        Assert.Equal([OutcomeKind.Replied, OutcomeKind.OptedOut], outcomes);
    }

    private static Enrollment Open() => new()
    {
        Id = Guid.Parse("6d7f3c9e-0000-4000-8000-000000000001"),
        Connection = "hubspot",
        ContactCrmId = "c1",
        Segment = "Hot",
        CadenceId = "hot",
        EnrolledAt = Enrolled,
    };
}
