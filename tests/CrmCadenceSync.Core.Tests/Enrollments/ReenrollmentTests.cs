using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Enrollments;

/// <summary><c>Policies:Reenroll</c>: whether, and when, a contact whose enrollment ended may enter a cadence again.</summary>
public sealed class ReenrollmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private readonly RuleSet rules = TestRules.Compile();

    private static Enrollment Ended(string segment, string cadence, ExitReason reason, DateTimeOffset endedAt, string? detail = null) =>
        new Enrollment
        {
            Id = Guid.NewGuid(),
            Connection = "hubspot",
            ContactCrmId = "c1",
            Segment = segment,
            CadenceId = cadence,
            EnrolledAt = endedAt.AddDays(-14),
        }.Exit(reason, endedAt, detail);

    public static TheoryData<ExitReason, string?> NeverAgain => new()
    {
        { ExitReason.Replied, null },
        { ExitReason.MeetingBooked, null },
        { ExitReason.OptedOut, null },
        { ExitReason.Bounced, null },
        { ExitReason.CallOutcome, "not interested" },
    };

    [Theory]
    [MemberData(nameof(NeverAgain))]
    public void A_contact_who_answered_never_re_enters_the_same_cadence(ExitReason reason, string? detail)
    {
        // The address is reachable again (an opt-out withdrawn, a bounce cleared) and the score still says Hot.
        var contact = TestRules.Contact(82);
        var ended = Ended("Hot", "hot", reason, Now.AddDays(-400), detail);

        var decision = EnrollmentEngine.Decide(contact, contact, rules, ended, Now);

        Assert.IsNotType<EnrollDecision>(decision);
        Assert.IsType<NoChangeDecision>(decision);
    }

    [Fact]
    public void A_contact_who_left_the_nurture_enters_Hot_at_once_when_it_scores_70()
    {
        var contact = TestRules.Contact(75);
        var leftNurture = Ended("Nurture", "nurture", ExitReason.Manual, Now.AddDays(-10));

        var decision = EnrollmentEngine.Decide(contact, TestRules.Contact(40), rules, leftNurture, Now);

        Assert.Equal("Hot", Assert.IsType<EnrollDecision>(decision).Segment.Name);
    }

    [Fact]
    public void A_cooldown_still_holds_for_the_same_or_a_lower_segment()
    {
        var leftHot = Ended("Hot", "hot", ExitReason.Manual, Now.AddDays(-10));

        Assert.Equal(NoChangeDecision.For(NoChangeReason.CoolingDown), EnrollmentEngine.Decide(TestRules.Contact(82), null, rules, leftHot, Now));
        Assert.Equal(NoChangeDecision.For(NoChangeReason.CoolingDown), EnrollmentEngine.Decide(TestRules.Contact(40), null, rules, leftHot, Now));
    }

    [Fact]
    public void A_contact_who_never_responded_re_enters_after_90_days_only_if_its_score_still_qualifies()
    {
        var ended = new Enrollment
        {
            Id = Guid.NewGuid(),
            Connection = "hubspot",
            ContactCrmId = "c1",
            Segment = "Hot",
            CadenceId = "hot",
            EnrolledAt = Now.AddDays(-120),
        }.Complete(TestRules.Contact(82), Now.AddDays(-100));
        Assert.Equal(ExitReason.NoResponse, ended.ExitReason);

        Assert.Equal(NoChangeDecision.For(NoChangeReason.CoolingDown), EnrollmentEngine.Decide(TestRules.Contact(82), null, rules, ended, Now.AddDays(-11)));
        Assert.Equal("Hot", Assert.IsType<EnrollDecision>(EnrollmentEngine.Decide(TestRules.Contact(82), null, rules, ended, Now)).Segment.Name);
        Assert.Equal("Nurture", Assert.IsType<EnrollDecision>(EnrollmentEngine.Decide(TestRules.Contact(40), null, rules, ended, Now)).Segment.Name);
        Assert.Equal(NoChangeDecision.For(NoChangeReason.NoSegmentMatches), EnrollmentEngine.Decide(TestRules.Contact(null), null, rules, ended, Now));
    }

    [Fact]
    public void A_contact_that_engaged_before_the_last_step_completes_without_NoResponse()
    {
        var enrollment = Ended("Hot", "hot", ExitReason.Manual, Now) with { State = EnrollmentState.Active, ExitReason = null, EndedAt = null };
        var opened = TestRules.Contact(82) with { LastEmailOpenedAt = enrollment.EnrolledAt.AddDays(2) };

        var completed = enrollment.Complete(opened, Now);

        Assert.Equal((EnrollmentState.Completed, (ExitReason?)null), (completed.State, completed.ExitReason));
    }

    [Fact]
    public void An_answer_in_an_older_enrollment_still_bars_the_cadence_after_a_later_one_elsewhere()
    {
        var contact = TestRules.Contact(82);
        IReadOnlyList<Enrollment> history =
        [
            Ended("Hot", "hot", ExitReason.Replied, Now.AddDays(-300)),
            Ended("Nurture", "nurture", ExitReason.NoResponse, Now.AddDays(-5)),
        ];

        var enroll = EnrollmentEngine.Decide(contact, null, rules, history[1], Now, history);

        Assert.Equal(NoChangeDecision.For(NoChangeReason.BarredFromCadence), enroll);
    }

    [Fact]
    public void A_move_up_never_leads_back_into_a_cadence_the_contact_is_barred_from()
    {
        var open = new Enrollment { Id = Guid.NewGuid(), Connection = "hubspot", ContactCrmId = "c1", Segment = "Nurture", CadenceId = "nurture", EnrolledAt = Now.AddDays(-5) };
        IReadOnlyList<Enrollment> history = [Ended("Hot", "hot", ExitReason.MeetingBooked, Now.AddDays(-300)), open];

        var barred = EnrollmentEngine.Decide(TestRules.Contact(82), TestRules.Contact(40), rules, open, Now, history);
        var allowed = EnrollmentEngine.Decide(TestRules.Contact(82), TestRules.Contact(40), rules, open, Now, [open]);

        Assert.Equal(NoChangeDecision.For(NoChangeReason.BarredFromCadence), barred);
        Assert.IsType<MoveDecision>(allowed);
    }

    [Fact]
    public void The_shipped_defaults_bar_answers_and_wait_90_days_after_no_response()
    {
        var policies = rules.Policies;

        Assert.All([ExitReason.Replied, ExitReason.MeetingBooked, ExitReason.OptedOut, ExitReason.Bounced, ExitReason.CallOutcome], r => Assert.Null(policies.ReenrollWait(r)));
        Assert.Equal(TimeSpan.FromDays(90), policies.ReenrollWait(ExitReason.NoResponse));
        Assert.Equal(TimeSpan.FromDays(7), policies.MaxHeld);
    }

    [Fact]
    public void A_days_value_overrides_never_and_bad_names_and_values_are_named()
    {
        var definition = TestRules.Definition();
        definition.Policies.Reenroll["Replied"] = "30";
        var replied = Ended("Hot", "hot", ExitReason.Replied, Now.AddDays(-31));
        Assert.IsType<EnrollDecision>(EnrollmentEngine.Decide(TestRules.Contact(82), null, TestRules.Compile(definition), replied, Now));

        definition.Policies.Reenroll["Replyed"] = "Never";
        definition.Policies.Reenroll["NoResponse"] = "soon";
        definition.Policies.MaxHeldDays = 0;

        Assert.Equal(
            [
                "Policies: MaxHeldDays must be at least 1 (it is 0).",
                "Policies: Reenroll:NoResponse must be Never or a whole number of days (it is 'soon').",
                $"Policies: Reenroll:Replyed is not an exit reason; use one of {string.Join(", ", Enum.GetNames<ExitReason>())}.",
            ],
            TestRules.Errors(definition).Order(StringComparer.Ordinal));
    }
}
