using CrmCadenceSync.Core.Rules.Compilation;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Rules;

public sealed class PilotRuleTests
{
    [Fact]
    public void Pilot_settings_out_of_range_are_refused_naming_the_key()
    {
        var definition = TestRules.Definition();
        definition.Pilot = new PilotDefinition { MaxEnrollmentsPerDay = 0, Percentage = 120 };

        var errors = RuleSetCompiler.Compile(definition).Errors.Select(e => e.Message).ToList();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Pilot: MaxEnrollmentsPerDay must be at least 1 (it is 0)", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Pilot: Percentage must be between 1 and 100 (it is 120)", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_percentage_pilot_selects_the_same_contacts_every_time_and_about_that_share()
    {
        var definition = TestRules.Definition();
        definition.Pilot = new PilotDefinition { Percentage = 20 };
        var pilot = RuleSetCompiler.Compile(definition).RuleSet!.Pilot;
        var keys = Enumerable.Range(0, 5000).Select(i => $"hubspot:{i}").ToList();

        var selected = keys.Where(pilot.Selects).ToList();

        Assert.True(pilot.IsOn);
        Assert.Equal(selected, keys.Where(pilot.Selects));
        Assert.InRange(selected.Count, 900, 1100);
    }

    [Fact]
    public void Without_pilot_settings_every_contact_is_selected()
    {
        var pilot = RuleSetCompiler.Compile(TestRules.Definition()).RuleSet!.Pilot;

        Assert.False(pilot.IsOn);
        Assert.True(pilot.Selects("hubspot:1"));
    }
}
