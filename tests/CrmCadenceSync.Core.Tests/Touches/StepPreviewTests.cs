using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;
using CrmCadenceSync.Core.Touches;

namespace CrmCadenceSync.Core.Tests.Touches;

public sealed class StepPreviewTests
{
    [Fact]
    public void A_contact_without_a_first_name_shows_the_fallback_and_a_field_without_one_is_flagged_in_place()
    {
        var definition = TestRules.Definition();
        var email = TestRules.EmailStep("intro", 0);
        email.Body = "Hi {{default contact.first_name \"there\"}}, how is {{contact.company}} handling {{contact.quiz_timeline}}?";
        definition.Cadences[0] = TestRules.Cadence("hot", email);
        var rules = TestRules.Compile(definition);
        var cadence = rules.Cadences["hot"];
        var contact = TestRules.Contact(82) with { FirstName = null, Company = "Globex" };

        var preview = StepPreview.For(cadence.Steps[0], contact, null, cadence, rules);

        Assert.Equal("Hello there", preview.Subject);
        Assert.Equal("Hi there, how is Globex handling [missing: contact.quiz_timeline]?", preview.Body);
        Assert.Equal(["contact.quiz_timeline"], preview.MissingFields);
        Assert.Equal(("intro", "default"), (preview.StepId, preview.Variant));
        Assert.Null(preview.WouldSkip);
    }

    [Fact]
    public void A_preview_says_when_the_step_would_be_skipped_for_the_contact()
    {
        var rules = TestRules.Compile();
        var cadence = rules.Cadences["hot"];

        var preview = StepPreview.For(cadence.Steps[0], TestRules.Contact(82) with { EmailOptOut = true }, null, cadence, rules);

        Assert.Equal(SkipReason.EmailOptOut, preview.WouldSkip);
        Assert.Equal("Hi Ada, about your team.", preview.Body);
    }
}
