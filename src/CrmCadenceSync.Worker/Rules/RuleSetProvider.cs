namespace CrmCadenceSync.Worker.Rules;

/// <summary>Hands out the active rule set; swapped as a whole, so a cycle never sees half of a change.</summary>
public sealed class RuleSetProvider
{
    private ActiveRuleSet? current;

    public ActiveRuleSet Current =>
        Volatile.Read(ref current) ?? throw new InvalidOperationException("No rule set is active yet: storage has not been seeded.");

    public void Activate(ActiveRuleSet ruleSet) => Volatile.Write(ref current, ruleSet);
}
