using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Enrollments;

public sealed class EnrollmentEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private readonly RuleSet rules = TestRules.Compile();

    private static Enrollment Active(string segment, string cadence, DateTimeOffset? at = null) => new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = "c1",
        Segment = segment,
        CadenceId = cadence,
        EnrolledAt = at ?? Now.AddDays(-3),
    };

    [Fact]
    public void A_scored_contact_with_no_enrollment_is_enrolled_in_its_segment()
    {
        var decision = EnrollmentEngine.Decide(TestRules.Contact(82), null, rules, null, Now);

        var enroll = Assert.IsType<EnrollDecision>(decision);
        Assert.Equal("Hot", enroll.Segment.Name);
        Assert.Equal("hot", enroll.Segment.CadenceId);
    }

    public static TheoryData<string, Func<Contact, Contact>, ExitReason> ExitCases => new()
    {
        { "reply", c => c with { LastRepliedAt = Now.AddHours(-1) }, ExitReason.Replied },
        { "meeting", c => c with { LastMeetingBookedAt = Now.AddHours(-1) }, ExitReason.MeetingBooked },
        { "bounce", c => c with { EmailBounced = true }, ExitReason.Bounced },
        { "opt-out", c => c with { EmailOptOut = true }, ExitReason.OptedOut },
        { "deleted", c => c with { IsDeleted = true }, ExitReason.Deleted },
        { "merged", c => c with { MergedIntoCrmId = "c2" }, ExitReason.Merged },
        { "converted", c => c with { RecordType = ContactRecordType.Lead, IsConverted = true }, ExitReason.LeadConverted },
    };

    [Theory]
    [MemberData(nameof(ExitCases))]
    public void Engagement_and_record_changes_end_an_active_enrollment(string signal, Func<Contact, Contact> change, ExitReason expected)
    {
        var contact = TestRules.Contact(82);

        var decision = EnrollmentEngine.Decide(change(contact), contact, rules, Active("Hot", "hot"), Now);

        Assert.True(decision is ExitDecision exit && exit.Reason == expected, $"{signal}: expected exit {expected}, got {decision}");
    }

    [Fact]
    public void A_reply_from_before_the_enrollment_does_not_end_it()
    {
        var contact = TestRules.Contact(82) with { LastRepliedAt = Now.AddDays(-30) };

        var decision = EnrollmentEngine.Decide(contact, contact, rules, Active("Hot", "hot"), Now);

        Assert.Equal(NoChangeDecision.For(NoChangeReason.NothingChanged), decision);
    }

    [Fact]
    public void A_score_rising_into_a_higher_segment_moves_the_contact_up()
    {
        var before = TestRules.Contact(40);

        var decision = EnrollmentEngine.Decide(before with { LeadScore = 75 }, before, rules, Active("Nurture", "nurture"), Now);

        Assert.Equal("Hot", Assert.IsType<MoveDecision>(decision).To.Name);
    }

    [Fact]
    public void A_score_falling_into_a_lower_segment_does_not_move_the_contact_by_default()
    {
        var before = TestRules.Contact(75);

        var decision = EnrollmentEngine.Decide(before with { LeadScore = 40 }, before, rules, Active("Hot", "hot"), Now);

        Assert.Equal(NoChangeDecision.For(NoChangeReason.MoveNotAllowed), decision);
    }

    [Fact]
    public void MoveBoth_moves_down_and_Never_moves_not_even_up()
    {
        var both = TestRules.Definition();
        both.Policies.OnSegmentChange = SegmentChangePolicy.MoveBoth;
        var never = TestRules.Definition();
        never.Policies.OnSegmentChange = SegmentChangePolicy.Never;
        var hot = TestRules.Contact(75);
        var cold = TestRules.Contact(40);

        var down = EnrollmentEngine.Decide(cold, hot, TestRules.Compile(both), Active("Hot", "hot"), Now);
        var up = EnrollmentEngine.Decide(hot, cold, TestRules.Compile(never), Active("Nurture", "nurture"), Now);

        Assert.Equal("Nurture", Assert.IsType<MoveDecision>(down).To.Name);
        Assert.Equal(NoChangeDecision.For(NoChangeReason.MoveNotAllowed), up);
    }

    [Fact]
    public void A_move_ends_the_old_enrollment_and_starts_one_new_one_so_only_one_stays_open()
    {
        var before = TestRules.Contact(40);
        var after = before with { LeadScore = 75 };
        var current = Active("Nurture", "nurture");
        var decision = EnrollmentEngine.Decide(after, before, rules, current, Now);
        var newId = Guid.NewGuid();

        var change = DecisionApplier.Apply(decision, after, current, Now, newId);

        Assert.Equal(EnrollmentState.Exited, change.Updated!.State);
        Assert.Equal(ExitReason.MovedToAnotherCadence, change.Updated.ExitReason);
        Assert.Equal(Now, change.Updated.EndedAt);
        Assert.Equal(newId, change.Started!.Id);
        Assert.Equal(("Hot", "hot", EnrollmentState.Active), (change.Started.Segment, change.Started.CadenceId, change.Started.State));
        Assert.Single(new[] { change.Updated, change.Started }, e => e.IsOpen);
    }

    [Fact]
    public void An_enrolled_contact_is_never_enrolled_a_second_time()
    {
        var contact = TestRules.Contact(82);

        var decision = EnrollmentEngine.Decide(contact, contact, rules, Active("Hot", "hot"), Now);

        Assert.IsNotType<EnrollDecision>(decision);
        Assert.Equal(NoChangeDecision.For(NoChangeReason.NothingChanged), decision);
    }

    [Fact]
    public void A_reply_bars_the_cadence_for_good_while_a_manual_exit_only_waits_for_the_cooldown()
    {
        // This test used to assert that a replier re-enters after 90 days; Policies:Reenroll says never (issue 13).
        var contact = TestRules.Contact(82);
        var replied = Active("Hot", "hot", Now.AddDays(-120)).Exit(ExitReason.Replied, Now.AddDays(-89));
        var ended = Active("Hot", "hot", Now.AddDays(-120)).Exit(ExitReason.Manual, Now.AddDays(-89));

        var during = EnrollmentEngine.Decide(contact, contact, rules, ended, Now);
        var after = EnrollmentEngine.Decide(contact, contact, rules, ended, Now.AddDays(1));
        var afterReply = EnrollmentEngine.Decide(contact, contact, rules, replied, Now.AddDays(365));

        Assert.Equal(NoChangeDecision.For(NoChangeReason.CoolingDown), during);
        Assert.IsType<EnrollDecision>(after);
        Assert.IsNotType<EnrollDecision>(afterReply);
    }

    [Fact]
    public void A_converted_Salesforce_lead_is_not_enrolled()
    {
        var lead = TestRules.Contact(95) with { RecordType = ContactRecordType.Lead, IsConverted = true };

        Assert.Equal(NoChangeDecision.For(NoChangeReason.LeadConverted), EnrollmentEngine.Decide(lead, null, rules, null, Now));
        Assert.IsType<EnrollDecision>(EnrollmentEngine.Decide(lead with { IsConverted = false }, null, rules, null, Now));
    }

    [Fact]
    public void Opted_out_bounced_deleted_and_unscored_contacts_are_not_enrolled()
    {
        Assert.Equal(NoChangeReason.EmailSuppressed, Reason(TestRules.Contact(95) with { EmailOptOut = true }));
        Assert.Equal(NoChangeReason.EmailSuppressed, Reason(TestRules.Contact(95) with { EmailBounced = true }));
        Assert.Equal(NoChangeReason.ContactDeleted, Reason(TestRules.Contact(95) with { IsDeleted = true }));
        Assert.Equal(NoChangeReason.NoSegmentMatches, Reason(TestRules.Contact(null)));

        NoChangeReason Reason(Contact contact) =>
            Assert.IsType<NoChangeDecision>(EnrollmentEngine.Decide(contact, null, rules, null, Now)).Reason;
    }

    [Fact]
    public void A_pausing_lifecycle_stage_pauses_and_leaving_it_resumes()
    {
        var contact = TestRules.Contact(82);
        var inOpportunity = contact with { LifecycleStage = "Opportunity" };

        var pause = EnrollmentEngine.Decide(inOpportunity, contact, rules, Active("Hot", "hot"), Now);
        var paused = DecisionApplier.Apply(pause, inOpportunity, Active("Hot", "hot"), Now, Guid.NewGuid()).Updated!;
        var resume = EnrollmentEngine.Decide(contact, inOpportunity, rules, paused, Now);
        var adminPaused = Active("Hot", "hot").Pause(byPolicy: false);

        Assert.IsType<PauseDecision>(pause);
        Assert.Equal(EnrollmentState.Paused, paused.State);
        Assert.IsType<ResumeDecision>(resume);
        Assert.Equal(NoChangeDecision.For(NoChangeReason.StillPaused), EnrollmentEngine.Decide(contact, inOpportunity, rules, adminPaused, Now));
    }

    [Fact]
    public void A_contact_without_an_owner_is_held_and_resumes_once_it_has_one()
    {
        var ownerless = TestRules.Contact(82) with { OwnerId = null };

        var hold = EnrollmentEngine.Decide(ownerless, TestRules.Contact(82), rules, Active("Hot", "hot"), Now);
        var held = Active("Hot", "hot").Hold(EnrollmentEngine.NoOwnerReason, Now);
        var stillHeld = EnrollmentEngine.Decide(ownerless with { Title = "CFO" }, ownerless, rules, held, Now);
        var resume = EnrollmentEngine.Decide(TestRules.Contact(82), ownerless, rules, held, Now);
        var startedHeld = DecisionApplier.Apply(new EnrollDecision(rules.Segments[0]), ownerless, null, Now, Guid.NewGuid()).Started!;

        Assert.Equal(EnrollmentEngine.NoOwnerReason, Assert.IsType<HoldDecision>(hold).Reason);
        Assert.Equal(NoChangeDecision.For(NoChangeReason.StillHeld), stillHeld);
        Assert.IsType<ResumeDecision>(resume);
        Assert.Equal((EnrollmentState.Held, EnrollmentEngine.NoOwnerReason), (startedHeld.State, startedHeld.HoldReason));
    }
}
