using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Enrollments;

/// <summary>A held enrollment resumes when what held it may be fixed, and not on every re-read of the contact.</summary>
public sealed class HeldEnrollmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private readonly RuleSet rules = TestRules.Compile();

    private static Enrollment Active() => new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = "c1",
        Segment = "Hot",
        CadenceId = "hot",
        EnrolledAt = Now.AddDays(-3),
    };

    /// <summary>The contact as a connector maps it on each read: a new property dictionary every time.</summary>
    private static Contact Read(string? company = null, string title = "VP Sales") => TestRules.Contact(82) with
    {
        Title = title,
        Properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["quiz_timeline"] = "this quarter", ["company_size"] = company },
    };

    [Fact]
    public void Two_reads_of_an_unchanged_contact_are_equal()
    {
        Assert.Equal(Read(), Read());
        Assert.Equal(Read().GetHashCode(), Read().GetHashCode());
        Assert.NotEqual(Read(), Read(company: "11-50"));
    }

    [Fact]
    public void Re_reading_an_unchanged_contact_does_not_resume_a_held_enrollment()
    {
        var held = Active().Hold("Missing merge fields: contact.company_size", Now.AddDays(-1));

        var decision = EnrollmentEngine.Decide(Read(), Read(), rules, held, Now);

        Assert.Equal(NoChangeDecision.For(NoChangeReason.StillHeld), decision);
    }

    [Fact]
    public void A_hold_resumes_only_when_a_field_it_named_changed()
    {
        var held = Active().Hold("Missing merge fields: contact.company_size", Now.AddDays(-1));

        var otherField = EnrollmentEngine.Decide(Read(title: "CFO"), Read(), rules, held, Now);
        var namedField = EnrollmentEngine.Decide(Read(company: "11-50"), Read(), rules, held, Now);

        Assert.Equal(NoChangeDecision.For(NoChangeReason.StillHeld), otherField);
        Assert.IsType<ResumeDecision>(namedField);
    }

    [Fact]
    public void A_contact_without_an_email_address_resumes_when_it_gets_one_and_not_before()
    {
        var held = Active().Hold("The contact has no email address", Now.AddDays(-1));
        var noEmail = Read() with { Email = null };

        Assert.Equal(NoChangeDecision.For(NoChangeReason.StillHeld), EnrollmentEngine.Decide(noEmail with { Title = "CFO" }, noEmail, rules, held, Now));
        Assert.IsType<ResumeDecision>(EnrollmentEngine.Decide(noEmail with { Email = "ada@example.com" }, noEmail, rules, held, Now));
    }

    [Fact]
    public void An_enrollment_held_longer_than_MaxHeldDays_exits_as_HeldTooLong()
    {
        var held = Active().Hold("Missing merge fields: trigger.offer_name", Now);
        var stillHeld = held.Hold("Missing merge fields: contact.company_size", Now.AddDays(3));

        Assert.Equal(Now, stillHeld.HeldSince);
        Assert.Equal(NoChangeDecision.For(NoChangeReason.StillHeld), EnrollmentEngine.DecideOnHold(held, rules, Now.AddDays(7)));
        Assert.Equal(new ExitDecision(ExitReason.HeldTooLong), EnrollmentEngine.DecideOnHold(held, rules, Now.AddDays(7).AddMinutes(1)));
        Assert.Null(held.Resume().HeldSince);
    }
}
