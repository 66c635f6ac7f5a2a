using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Compilation;
using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Core.Tests.Support;

/// <summary>A small, valid rule set shaped like the shipped one (Hot 70+, Warm 50-70, Nurture below 50), built in code.</summary>
internal static class TestRules
{
    public static RuleSetDefinition Definition() => new()
    {
        Segments =
        [
            new SegmentDefinition { Name = "Hot", MinScore = 70, Cadence = "hot" },
            new SegmentDefinition { Name = "Warm", MinScore = 50, MaxScore = 70, Cadence = "warm" },
            new SegmentDefinition { Name = "Nurture", MaxScore = 50, Cadence = "nurture" },
        ],
        Cadences = [Cadence("hot"), Cadence("warm"), Cadence("nurture")],
        Policies = new PolicyDefinition { ReenrollAfterDays = 90, RepDailyTaskCap = 60, PauseInLifecycleStages = ["opportunity"] },
    };

    public static CadenceDefinition Cadence(string id, params StepDefinition[] steps) => new()
    {
        Id = id,
        Name = $"Cadence {id}",
        TimeZone = "America/New_York",
        Steps = steps.Length > 0 ? [.. steps] : [EmailStep("email-1", 0), CallStep("call-1", 2)],
    };

    public static StepDefinition EmailStep(string id, int day) => new()
    {
        Id = id,
        DayOffset = day,
        Channel = StepChannel.Email,
        Kind = StepKind.ManualEmail,
        Subject = "Hello {{default contact.first_name \"there\"}}",
        Body = "Hi {{default contact.first_name \"there\"}}, about {{default contact.company \"your team\"}}.",
    };

    public static StepDefinition CallStep(string id, int day) => new()
    {
        Id = id,
        DayOffset = day,
        Channel = StepChannel.Call,
        Kind = StepKind.Task,
        Priority = StepPriority.High,
        Subject = "Call {{default contact.full_name contact.email}}",
        Body = "Call about the quiz.",
    };

    public static RuleSet Compile(RuleSetDefinition? definition = null)
    {
        var compilation = RuleSetCompiler.Compile(definition ?? Definition());
        Assert.True(compilation.Succeeded, string.Join(Environment.NewLine, compilation.Errors));
        return compilation.RuleSet!;
    }

    public static IReadOnlyList<string> Errors(RuleSetDefinition definition) =>
        [.. RuleSetCompiler.Compile(definition).Errors.Select(e => e.Message)];

    public static Contact Contact(decimal? score, string id = "c1") => new()
    {
        Connection = "hubspot",
        CrmId = id,
        Email = $"{id}@example.com",
        FirstName = "Ada",
        LastName = "Lovelace",
        OwnerId = "rep-1",
        LeadScore = score,
    };
}
