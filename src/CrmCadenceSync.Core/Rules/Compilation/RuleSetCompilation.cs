namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>Either a rule set ready to run, or every error that keeps the definition from becoming one.</summary>
public sealed record RuleSetCompilation(RuleSet? RuleSet, IReadOnlyList<RuleSetError> Errors)
{
    public bool Succeeded => RuleSet is not null;
}
