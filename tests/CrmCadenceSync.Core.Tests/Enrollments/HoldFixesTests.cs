using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Enrollments;

/// <summary>What the admin page says to do about a held enrollment.</summary>
public sealed class HoldFixesTests
{
    private static Step CallStep(params string[]? required)
    {
        var definition = TestRules.Definition();
        var call = TestRules.CallStep("discovery-call", 3);
        call.Body = "Ask about {{contact.quiz_timeline}} with {{owner.first_name}} on {{trigger.offer_name}}.";
        call.RequiredFields = required is null ? null : [.. required];
        definition.Cadences[0] = TestRules.Cadence("hot", TestRules.EmailStep("email-1", 0), TestRules.EmailStep("email-2", 1), call);
        return TestRules.Compile(definition).Cadences["hot"].Steps[2];
    }

    [Fact]
    public void Each_missing_field_is_a_cause_of_its_own_with_the_property_to_add_or_a_fallback_in_the_step()
    {
        var causes = HoldFixes.For(HoldReasons.MissingFields(["contact.quiz_timeline", "owner.first_name", "trigger.offer_name"]), "hot", CallStep(null));

        Assert.Equal(
            [
                new HoldCause(HoldFixes.MissingField, "contact.quiz_timeline",
                    "Add the property quiz_timeline to these contacts in the CRM, or a fallback in step 3 ('discovery-call') of cadence 'hot': {{default contact.quiz_timeline \"…\"}} or {{#if contact.quiz_timeline}}…{{else}}…{{/if}}."),
                new HoldCause(HoldFixes.MissingField, "owner.first_name",
                    "Fill the first name of the owning rep's user in the CRM, or a fallback in step 3 ('discovery-call') of cadence 'hot': {{default owner.first_name \"…\"}} or {{#if owner.first_name}}…{{else}}…{{/if}}."),
                new HoldCause(HoldFixes.MissingField, "trigger.offer_name",
                    "Send offer_name with the trigger event, or a fallback in step 3 ('discovery-call') of cadence 'hot': {{default trigger.offer_name \"…\"}} or {{#if trigger.offer_name}}…{{else}}…{{/if}}."),
            ],
            causes);
    }

    [Fact]
    public void A_field_the_step_declares_required_is_fixed_in_the_CRM_or_by_taking_it_out_of_RequiredFields()
    {
        var cause = Assert.Single(HoldFixes.For(HoldReasons.MissingFields(["contact.quiz_timeline"]), "hot", CallStep("contact.quiz_timeline")));

        Assert.Equal(
            "Add the property quiz_timeline to these contacts in the CRM, or take contact.quiz_timeline out of RequiredFields in step 3 ('discovery-call') of cadence 'hot' and give it a fallback there.",
            cause.Fix);
    }

    [Fact]
    public void Reasons_about_no_field_keep_their_words_and_get_their_own_fix()
    {
        Assert.Equal("owner", Assert.Single(HoldFixes.For(HoldReasons.NoOwner, "hot", null)).Field);
        Assert.Contains(
            "or set Smtp:FallbackFromAddress",
            Assert.Single(HoldFixes.For(HoldReasons.NoSenderAddress("Smtp:FallbackFromAddress"), "hot", null)).Fix,
            StringComparison.Ordinal);
        var gone = Assert.Single(HoldFixes.For("Cadence 'hot' is not in the active rule set", "hot", null));
        Assert.Equal((null, "Add cadence 'hot' back to the rule set, or exit these enrollments."), (gone.Field, gone.Fix));
    }
}
