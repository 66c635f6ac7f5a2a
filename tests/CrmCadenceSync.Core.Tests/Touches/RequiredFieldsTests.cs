using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;
using CrmCadenceSync.Core.Touches;

namespace CrmCadenceSync.Core.Tests.Touches;

/// <summary>A step's <c>RequiredFields</c>: only the fields it declares hold it; every other absent field renders as its fallback or empty.</summary>
public sealed class RequiredFieldsTests
{
    private const string QuizBody =
        "{{contact.first_name}}, you said {{contact.quiz_primary_challenge}}.{{#if contact.quiz_timeline}} Timeline: {{contact.quiz_timeline}}.{{else}} No rush.{{/if}} Team: {{default contact.quiz_team_size \"any size\"}}.";

    private static (Step Step, Cadence Cadence, RuleSet Rules) QuizStep(params string[]? required)
    {
        var definition = TestRules.Definition();
        var email = TestRules.EmailStep("quiz-email", 0);
        email.Subject = "About {{contact.quiz_primary_challenge}}";
        email.Body = QuizBody;
        email.RequiredFields = required is null ? null : [.. required];
        definition.Cadences[0] = TestRules.Cadence("hot", email);
        var rules = TestRules.Compile(definition);
        var cadence = rules.Cadences["hot"];
        return (cadence.Steps[0], cadence, rules);
    }

    private static Contact WithAnswers(params (string Name, string Value)[] answers) =>
        TestRules.Contact(82) with { Properties = answers.ToDictionary(a => a.Name, a => (string?)a.Value, StringComparer.OrdinalIgnoreCase) };

    [Fact]
    public void A_declared_required_field_that_is_absent_holds_the_step_naming_only_that_field()
    {
        var (step, cadence, rules) = QuizStep("contact.quiz_timeline");

        var outcome = TouchPlanner.Prepare(step, WithAnswers(("quiz_primary_challenge", "slow follow-up")), null, cadence, rules, null);

        var held = Assert.IsType<HeldTouch>(outcome);
        Assert.Equal(["contact.quiz_timeline"], held.MissingFields);
        Assert.Equal("Missing merge fields: contact.quiz_timeline", held.Reason);
    }

    [Fact]
    public void A_required_field_holds_even_where_the_template_gives_it_a_fallback()
    {
        var (step, cadence, rules) = QuizStep("contact.quiz_team_size");

        var outcome = TouchPlanner.Prepare(step, WithAnswers(("quiz_primary_challenge", "slow follow-up")), null, cadence, rules, null);

        Assert.Equal(["contact.quiz_team_size"], Assert.IsType<HeldTouch>(outcome).MissingFields);
    }

    [Fact]
    public void An_absent_field_not_declared_required_renders_as_its_fallback_or_empty_instead_of_holding()
    {
        var (step, cadence, rules) = QuizStep("contact.first_name");

        var outcome = TouchPlanner.Prepare(step, WithAnswers(), null, cadence, rules, null);

        var ready = Assert.IsType<ReadyTouch>(outcome);
        Assert.Equal("About ", ready.Subject);
        Assert.Equal("Ada, you said . No rush. Team: any size.", ready.Body);
    }

    [Fact]
    public void An_empty_declaration_means_nothing_holds_the_step()
    {
        var (step, cadence, rules) = QuizStep();

        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(step, WithAnswers() with { FirstName = null }, null, cadence, rules, null));
    }

    [Fact]
    public void Without_a_declaration_every_field_printed_without_a_fallback_holds_the_step_as_before()
    {
        var (step, cadence, rules) = QuizStep(null);

        var outcome = TouchPlanner.Prepare(step, WithAnswers(), null, cadence, rules, null);

        // quiz_timeline is only tested by #if and quiz_team_size has a fallback: neither holds.
        Assert.Equal(["contact.quiz_primary_challenge"], Assert.IsType<HeldTouch>(outcome).MissingFields);
    }

    [Fact]
    public void With_every_field_present_the_declared_step_renders_in_full()
    {
        var (step, cadence, rules) = QuizStep("contact.quiz_primary_challenge", "contact.quiz_timeline");
        var contact = WithAnswers(("quiz_primary_challenge", "slow follow-up"), ("quiz_timeline", "this quarter"), ("quiz_team_size", "11-50"));

        var ready = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(step, contact, null, cadence, rules, null));

        Assert.Equal("Ada, you said slow follow-up. Timeline: this quarter. Team: 11-50.", ready.Body);
    }
}
