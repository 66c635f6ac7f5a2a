using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Manual;
using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Enrollments;

/// <summary>Manual enrollment: the admin picks the cadence, the automatic policy decides whether the contact may enter.</summary>
public sealed class ManualEnrollmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly Guid NewId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private readonly RuleSet rules = TestRules.Compile();

    private Cadence Hot => rules.Cadences["hot"];

    private ManualDecision Decide(Contact contact, int start = 0, IReadOnlyList<Enrollment>? history = null, IdentityDecision? identity = null, string cadence = "hot") =>
        ManualEnrollmentRules.Decide(contact, rules.Cadences[cadence], start, rules, history ?? [], identity ?? RunsOwnCadence.Instance, Now, NewId);

    private static Enrollment Open(string cadence, string segment = "Hot") => new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = "c1",
        Segment = segment,
        CadenceId = cadence,
        EnrolledAt = Now.AddDays(-3),
    };

    private static ManualRefusal RefusalOf(ManualDecision decision) => Assert.IsType<ManualRefused>(decision).Reason;

    [Fact]
    public void A_free_contact_enters_the_named_cadence_at_the_named_step_under_its_own_segment()
    {
        var warm = Assert.IsType<ManualEnroll>(Decide(TestRules.Contact(55), start: 1, cadence: "hot"));
        var unscored = Assert.IsType<ManualEnroll>(Decide(TestRules.Contact(null)));

        Assert.Equal((NewId, "hot", 1, "Warm", EnrollmentState.Active, Now), (warm.Started.Id, warm.Started.CadenceId, warm.Started.NextStepIndex, warm.Started.Segment, warm.Started.State, warm.Started.EnrolledAt));
        Assert.Null(warm.Note);
        Assert.Equal(ManualEnrollmentRules.ManualSegment, unscored.Started.Segment);
    }

    [Fact]
    public void The_same_cadence_again_is_no_second_enrollment_and_another_cadence_is_refused()
    {
        var inHot = Open("hot");

        var again = Assert.IsType<ManualAlreadyEnrolled>(Decide(TestRules.Contact(82), history: [inHot]));
        var other = Assert.IsType<ManualRefused>(Decide(TestRules.Contact(82), history: [inHot], cadence: "warm"));

        Assert.Equal(inHot.Id, again.Current.Id);
        Assert.Equal(ManualRefusal.InAnotherCadence, other.Reason);
        Assert.Contains("'hot'", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressed_removed_and_converted_contacts_are_refused_with_their_reason()
    {
        var contact = TestRules.Contact(82);

        Assert.Equal(ManualRefusal.OptedOut, RefusalOf(Decide(contact with { EmailOptOut = true })));
        Assert.Equal(ManualRefusal.Bounced, RefusalOf(Decide(contact with { EmailBounced = true })));
        Assert.Equal(ManualRefusal.ContactDeleted, RefusalOf(Decide(contact with { IsDeleted = true })));
        var merged = Assert.IsType<ManualRefused>(Decide(contact with { MergedIntoCrmId = "c9" }));
        Assert.Contains("c9", merged.Message, StringComparison.Ordinal);
        var converted = Assert.IsType<ManualRefused>(Decide(contact with { RecordType = ContactRecordType.Lead, IsConverted = true, ConvertedContactCrmId = "003X" }));
        Assert.Equal(ManualRefusal.LeadConverted, converted.Reason);
        Assert.Contains("003X", converted.Message, StringComparison.Ordinal);
        Assert.Equal(ManualRefusal.PausingLifecycleStage, RefusalOf(Decide(contact with { LifecycleStage = "opportunity" })));
    }

    [Fact]
    public void Do_not_call_refuses_a_call_start_and_otherwise_says_the_call_steps_will_be_skipped()
    {
        var dnc = TestRules.Contact(82) with { DoNotCall = true };

        var callFirst = Assert.IsType<ManualRefused>(Decide(dnc, start: 1));
        var fromEmail = Assert.IsType<ManualEnroll>(Decide(dnc, start: 0));

        Assert.Equal(ManualRefusal.DoNotCall, callFirst.Reason);
        Assert.Contains("call-1", callFirst.Message, StringComparison.Ordinal);
        Assert.Equal("1 call/SMS step(s) will be skipped: do not call", fromEmail.Note);
    }

    [Fact]
    public void Re_enrollment_policy_applies_barred_for_good_and_cooling_down()
    {
        var replied = Open("hot").Exit(ExitReason.Replied, Now.AddDays(-400));
        var leftRecently = Open("hot").Exit(ExitReason.Manual, Now.AddDays(-10));
        var leftNurture = Open("nurture", "Nurture").Exit(ExitReason.Manual, Now.AddDays(-10));

        Assert.Equal(ManualRefusal.BarredFromCadence, RefusalOf(Decide(TestRules.Contact(82), history: [replied])));
        var cooling = Assert.IsType<ManualRefused>(Decide(TestRules.Contact(82), history: [leftRecently]));
        Assert.Equal(ManualRefusal.CoolingDown, cooling.Reason);
        Assert.Contains(Now.AddDays(80).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cooling.Message, StringComparison.Ordinal);

        // Upward into a higher segment's cadence is at once, as automatic enrollment allows it.
        Assert.IsType<ManualEnroll>(Decide(TestRules.Contact(40), history: [leftNurture]));
        Assert.Equal(ManualRefusal.CoolingDown, RefusalOf(Decide(TestRules.Contact(82), history: [leftRecently], cadence: "nurture")));
    }

    [Fact]
    public void A_record_whose_linked_twin_runs_the_person_is_refused_naming_the_twin()
    {
        var twin = new LinkedTwin(TestRules.Contact(82, "twin") with { Connection = "salesforce" }, IsPrimary: true, Open("warm"));

        var refused = Assert.IsType<ManualRefused>(Decide(TestRules.Contact(82), identity: new FollowsTwin(twin)));

        Assert.Equal(ManualRefusal.LinkedRecordRuns, refused.Reason);
        Assert.Contains("salesforce/twin", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ownerless_contact_is_enrolled_held_like_any_enrollment()
    {
        var decision = Assert.IsType<ManualEnroll>(Decide(TestRules.Contact(82) with { OwnerId = null }));

        Assert.Equal(EnrollmentState.Held, decision.Started.State);
        Assert.Equal(HoldReasons.NoOwner, decision.Started.HoldReason);
    }
}
