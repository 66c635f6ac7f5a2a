using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Compilation;
using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>A rule set an admin submitted: its definition and compiled form, or every error that keeps it from running.</summary>
internal sealed record CandidateRuleSet(RuleSetDefinition? Definition, RuleSet? Rules, IReadOnlyList<string> Errors)
{
    public bool IsValid => Rules is not null;

    public static CandidateRuleSet From(string json)
    {
        RuleSetDefinition definition;
        try
        {
            definition = RuleSetJson.Parse(json);
        }
        catch (FormatException e)
        {
            return new CandidateRuleSet(null, null, [e.Message]);
        }

        return From(definition);
    }

    public static CandidateRuleSet From(RuleSetDefinition definition)
    {
        var compilation = RuleSetCompiler.Compile(definition);
        return new CandidateRuleSet(definition, compilation.RuleSet, [.. compilation.Errors.Select(e => e.Message)]);
    }
}
