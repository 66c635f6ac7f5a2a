using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;
using CrmCadenceSync.Core.Touches;

namespace CrmCadenceSync.Core.Tests.Variants;

public sealed class RoleRuleTests
{
    private static RuleSetDefinition WithRoles()
    {
        var definition = TestRules.Definition();
        definition.Roles = new RolesDefinition
        {
            PersonaProperty = "hs_persona",
            Definitions =
            [
                new RoleDefinition { Name = "Finance", PersonaValues = ["persona_finance"], TitlePatterns = ["\\bCFO\\b", "finance", "controller"] },
                new RoleDefinition { Name = "Legal", TitlePatterns = ["counsel", "legal", "attorney"] },
            ],
        };
        var linkedIn = new StepDefinition { Id = "linkedin", DayOffset = 1, Channel = StepChannel.LinkedIn, Subject = "Connect", Body = "Connect", SkipForRoles = ["Finance", "Legal"] };
        var value = TestRules.EmailStep("value", 3);
        value.Variants =
        [
            new StepVariantDefinition { Name = "general", Subject = "Three ideas", Body = "Ideas for your team." },
            new StepVariantDefinition { Name = "numbers", Roles = ["Finance", "Legal"], Subject = "The numbers", Body = "What slow follow-up costs." },
        ];
        definition.Cadences[0] = TestRules.Cadence("hot", TestRules.EmailStep("intro", 0), linkedIn, value);
        return definition;
    }

    [Theory]
    [InlineData("CFO", null, "Finance")]
    [InlineData("VP Finance", null, "Finance")]
    [InlineData("General Counsel", null, "Legal")]
    [InlineData("Head of Sales", "persona_finance", "Finance")]
    [InlineData("Head of Sales", null, null)]
    [InlineData(null, null, null)]
    public void The_role_comes_from_the_persona_property_else_the_title(string? title, string? persona, string? expected)
    {
        var rules = TestRules.Compile(WithRoles());
        var contact = TestRules.Contact(82) with
        {
            Title = title,
            Properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["hs_persona"] = persona },
        };

        Assert.Equal(expected, rules.Roles.RoleOf(contact));
    }

    [Fact]
    public void A_finance_contact_skips_the_LinkedIn_step_and_gets_the_finance_email()
    {
        var rules = TestRules.Compile(WithRoles());
        var cadence = rules.Cadences["hot"];
        var cfo = TestRules.Contact(82) with { Title = "CFO" };
        var seller = TestRules.Contact(82) with { Title = "VP Sales" };

        var skipped = Assert.IsType<SkippedTouch>(TouchPlanner.Prepare(cadence.Steps[1], cfo, null, cadence, rules, null));
        var cfoEmail = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(cadence.Steps[2], cfo, null, cadence, rules, null));
        var sellerEmail = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(cadence.Steps[2], seller, null, cadence, rules, null));

        Assert.Equal(SkipReason.RoleExcluded, skipped.Reason);
        Assert.False(skipped.EndsEnrollment);
        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(cadence.Steps[1], seller, null, cadence, rules, null));
        Assert.Equal(("numbers", "The numbers"), (cfoEmail.Variant, cfoEmail.Subject));
        Assert.Equal(("general", "Three ideas"), (sellerEmail.Variant, sellerEmail.Subject));
    }

    [Fact]
    public void Unknown_roles_bad_patterns_and_role_only_variants_are_refused()
    {
        var definition = WithRoles();
        definition.Roles.Definitions[1].TitlePatterns.Add("[unclosed");
        definition.Cadences[0].Steps[1].SkipForRoles.Add("Engineering");
        definition.Cadences[0].Steps[2].Variants.RemoveAt(0);

        var errors = TestRules.Errors(definition);

        Assert.StartsWith("Role 'Legal' title pattern '[unclosed' is not a valid regular expression: ", errors[0], StringComparison.Ordinal);
        Assert.Equal(
            [
                "Cadence 'hot' step 'linkedin' skips role 'Engineering', which is not defined under Roles.",
                "Cadence 'hot' step 'value' has variants only for particular roles; add one without Roles for everyone else.",
            ],
            errors.Skip(1));
    }
}
