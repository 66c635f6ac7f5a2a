using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;
using CrmCadenceSync.Core.Touches;

namespace CrmCadenceSync.Core.Tests.Variants;

public sealed class VariantAssignmentTests
{
    private static Step StepWith(params (string Name, int Weight)[] variants)
    {
        var definition = TestRules.Definition();
        var step = TestRules.EmailStep("intro", 0);
        step.Variants = [.. variants.Select(v => new StepVariantDefinition { Name = v.Name, Weight = v.Weight, Subject = $"Subject {v.Name}", Body = $"Body {v.Name}" })];
        definition.Cadences[0] = TestRules.Cadence("hot", step);
        return TestRules.Compile(definition).Cadences["hot"].Steps[0];
    }

    [Fact]
    public void A_contact_gets_the_same_variant_every_time()
    {
        var step = StepWith(("A", 1), ("B", 1));

        var first = Enumerable.Range(0, 200).Select(i => VariantAssignment.For(step, $"hubspot:{i}", null).Name).ToList();
        var again = Enumerable.Range(0, 200).Select(i => VariantAssignment.For(StepWith(("A", 1), ("B", 1)), $"hubspot:{i}", null).Name).ToList();

        Assert.Equal(first, again);
        Assert.Contains("A", first);
        Assert.Contains("B", first);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(1, 4)]
    public void Over_ten_thousand_contacts_the_split_is_within_two_points_of_the_weights(int weightA, int weightB)
    {
        var step = StepWith(("A", weightA), ("B", weightB));

        var shareA = Enumerable.Range(0, 10_000).Count(i => VariantAssignment.For(step, $"hubspot:{100_000 + i}", null).Name == "A") / 100.0;

        var expected = 100.0 * weightA / (weightA + weightB);
        Assert.InRange(shareA, expected - 2, expected + 2);
    }

    [Fact]
    public void The_rendered_touch_carries_the_variant_name()
    {
        var definition = TestRules.Definition();
        var step = TestRules.EmailStep("intro", 0);
        step.Variants =
        [
            new StepVariantDefinition { Name = "question", Subject = "Quick question, {{contact.first_name}}?", Body = "Q" },
            new StepVariantDefinition { Name = "statement", Subject = "An idea for {{contact.first_name}}", Body = "S" },
        ];
        definition.Cadences[0] = TestRules.Cadence("hot", step);
        var rules = TestRules.Compile(definition);
        var cadence = rules.Cadences["hot"];
        var contact = TestRules.Contact(82);

        var ready = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(cadence.Steps[0], contact, null, cadence, rules, null));

        var chosen = VariantAssignment.For(cadence.Steps[0], "hubspot:c1", null).Name;
        Assert.Equal(chosen, ready.Variant);
        Assert.Equal(chosen == "question" ? "Quick question, Ada?" : "An idea for Ada", ready.Subject);
    }

    [Fact]
    public void Variant_mistakes_are_refused_naming_the_step_and_variant()
    {
        var definition = TestRules.Definition();
        var step = TestRules.EmailStep("intro", 0);
        step.Variants =
        [
            new StepVariantDefinition { Name = "A", Weight = 0, Subject = "s", Body = "b" },
            new StepVariantDefinition { Name = "A", Subject = "s", Body = "b" },
            new StepVariantDefinition { Name = "C", Subject = "s" },
        ];
        definition.Cadences[0] = TestRules.Cadence("hot", step);

        Assert.Equal(
            [
                "Cadence 'hot' step 'intro' variant 'A' has a weight of 0; weights must be at least 1.",
                "Cadence 'hot' step 'intro' has two variants named 'A'.",
                "Cadence 'hot' step 'intro' variant 'C' has no body template.",
            ],
            TestRules.Errors(definition));
    }
}
