using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Rules;

/// <summary>Compile-time checks of a step's <c>RequiredFields</c>; each error names the cadence and the step.</summary>
public sealed class RequiredFieldRuleTests
{
    private static StepDefinition QuizEmail(params string[] required)
    {
        var email = TestRules.EmailStep("quiz-email", 0);
        email.Subject = "About {{default contact.quiz_primary_challenge \"follow-up\"}}";
        email.Body = "{{#if contact.quiz_timeline}}Timeline: {{contact.quiz_timeline}}.{{/if}} {{owner.first_name}}";
        email.RequiredFields = [.. required];
        return email;
    }

    private static IReadOnlyList<string> ErrorsFor(StepDefinition step)
    {
        var definition = TestRules.Definition();
        definition.Cadences[0] = TestRules.Cadence("hot", step);
        return TestRules.Errors(definition);
    }

    [Fact]
    public void Fields_the_templates_print_test_or_give_a_fallback_may_be_required_in_any_case()
    {
        var definition = TestRules.Definition();
        definition.Cadences[0] = TestRules.Cadence("hot", QuizEmail("contact.quiz_timeline", "Contact.Quiz_Primary_Challenge", "owner.first_name"));

        var step = TestRules.Compile(definition).Cadences["hot"].Steps[0];

        Assert.Equal(["contact.quiz_timeline", "contact.quiz_primary_challenge", "owner.first_name"], step.RequiredFields);
    }

    [Fact]
    public void An_empty_entry_is_refused_naming_the_cadence_the_step_and_the_entry()
    {
        Assert.Equal(
            ["Cadence 'hot' step 'quiz-email' RequiredFields entry 2 is empty; name a merge field such as contact.quiz_timeline."],
            ErrorsFor(QuizEmail("contact.quiz_timeline", "  ")));
    }

    [Fact]
    public void A_name_without_its_prefix_is_refused_with_the_prefixed_form_to_use()
    {
        var error = Assert.Single(ErrorsFor(QuizEmail("quiz_timeline")));

        Assert.StartsWith("Cadence 'hot' step 'quiz-email' RequiredFields entry 'quiz_timeline' is not a merge field;", error, StringComparison.Ordinal);
        Assert.Contains("contact.quiz_timeline", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_none_of_the_step_templates_use_is_refused_listing_the_fields_they_do_use()
    {
        Assert.Equal(
            ["Cadence 'hot' step 'quiz-email' RequiredFields names 'contact.quiz_timline', which none of the step's templates use (they use contact.quiz_primary_challenge, contact.quiz_timeline, owner.first_name)."],
            ErrorsFor(QuizEmail("contact.quiz_timline")));
    }

    [Fact]
    public void A_field_used_by_any_variant_of_the_step_may_be_required()
    {
        var email = TestRules.EmailStep("value-email", 0);
        email.RequiredFields = ["contact.quiz_team_size"];
        email.Variants =
        [
            new StepVariantDefinition { Name = "plain", Subject = "Hello", Body = "Hi {{default contact.first_name \"there\"}}." },
            new StepVariantDefinition { Name = "sized", Subject = "Teams of {{contact.quiz_team_size}}", Body = "Hi." },
        ];

        Assert.Empty(ErrorsFor(email));
    }
}
