using CrmCadenceSync.Core.Consent;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Tests.Support;
using CrmCadenceSync.Core.Touches;

namespace CrmCadenceSync.Core.Tests.Consent;

public sealed class ConsentPolicyTests
{
    private static readonly ConsentPolicy EuNeedsConsent = new()
    {
        Fields = ["hs_legal_basis", "Email_Consent__c"],
        Countries = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase) { ["DE"] = true, ["FR"] = true },
        Segments = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase) { ["Nurture"] = true, ["Hot"] = false },
    };

    [Fact]
    public void An_automated_email_to_a_contact_who_needs_consent_and_lacks_it_is_skipped_as_NoConsent()
    {
        var (step, cadence, rules) = AutoEmail();

        var outcome = TouchPlanner.Prepare(step, Contact("DE", null), null, cadence, rules, null, consent: EuNeedsConsent, segment: "Warm");

        Assert.Equal(SkipReason.NoConsent, Assert.IsType<SkippedTouch>(outcome).Reason);
        Assert.False(((SkippedTouch)outcome).EndsEnrollment);
        Assert.Equal(SkipReason.NoConsent, StepPreview.For(step, Contact("DE", null), null, cadence, rules, null, EuNeedsConsent, "Warm").WouldSkip);
    }

    [Theory]
    [InlineData("DE", "Legitimate interest – prospect/lead", "Warm")]
    [InlineData("DE", "Freely given consent from contact;Performance of a contract", "Warm")]
    [InlineData("US", null, "Warm")]
    [InlineData("DE", null, "Hot")]
    public void Consent_given_or_not_needed_lets_the_email_go(string country, string? value, string segment)
    {
        var (step, cadence, rules) = AutoEmail();

        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(step, Contact(country, value), null, cadence, rules, null, consent: EuNeedsConsent, segment: segment));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("Withdrawn")]
    [InlineData(" ")]
    public void A_denial_or_blank_is_no_consent(string value)
    {
        Assert.False(EuNeedsConsent.HasConsent(Contact("FR", value)));
        Assert.True(EuNeedsConsent.Requires(Contact("FR", value), "Warm"));
        Assert.True(EuNeedsConsent.Requires(Contact("US", value), "Nurture"));
    }

    [Fact]
    public void Listed_granting_values_are_the_only_ones_that_grant()
    {
        var policy = EuNeedsConsent with { GrantingValues = new HashSet<string>(["opt-in"], StringComparer.OrdinalIgnoreCase) };

        Assert.True(policy.HasConsent(Contact("DE", "OPT-IN")));
        Assert.False(policy.HasConsent(Contact("DE", "maybe")));
    }

    [Fact]
    public void With_a_rep_task_instead_the_draft_goes_to_the_rep_and_manual_steps_are_never_blocked()
    {
        var (step, cadence, rules) = AutoEmail();

        var ready = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(
            step, Contact("DE", null), null, cadence, rules, null, consent: EuNeedsConsent with { RepTaskInstead = true }, segment: "Warm"));
        Assert.True(ready.AsRepTask);

        var manual = TestRules.Compile().Cadences["hot"];
        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(manual.Steps[0], Contact("DE", null), null, manual, TestRules.Compile(), null, consent: EuNeedsConsent, segment: "Warm"));
        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(step, Contact("DE", null), null, cadence, rules, null, consent: ConsentPolicy.None, segment: "Warm"));
    }

    private static (Step Step, Cadence Cadence, RuleSet Rules) AutoEmail()
    {
        var definition = TestRules.Definition();
        var email = TestRules.EmailStep("auto-1", 0);
        email.Kind = StepKind.AutoEmail;
        definition.Cadences[0] = TestRules.Cadence("hot", email);
        var rules = TestRules.Compile(definition);
        return (rules.Cadences["hot"].Steps[0], rules.Cadences["hot"], rules);
    }

    private static Contact Contact(string country, string? legalBasis) =>
        TestRules.Contact(82) with
        {
            Country = country,
            Properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["hs_legal_basis"] = legalBasis },
        };
}
