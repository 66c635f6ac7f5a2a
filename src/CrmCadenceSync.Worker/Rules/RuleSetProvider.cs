using System.Collections.Concurrent;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>
/// Hands out the active rule set; swapped as a whole, so a cycle never sees half of a change. Earlier versions stay at
/// hand: an enrollment that stayed on the version it started on runs that version's cadence.
/// </summary>
public sealed class RuleSetProvider
{
    private readonly ConcurrentDictionary<int, RuleSet> versions = new();
    private ActiveRuleSet? current;

    public ActiveRuleSet Current =>
        Volatile.Read(ref current) ?? throw new InvalidOperationException("No rule set is active yet: storage has not been seeded.");

    public void Activate(ActiveRuleSet ruleSet)
    {
        versions[ruleSet.Version] = ruleSet.Rules;
        Volatile.Write(ref current, ruleSet);
    }

    /// <summary>Keeps an earlier version at hand for the enrollments still on it.</summary>
    public void Remember(int version, RuleSet rules) => versions.TryAdd(version, rules);

    /// <summary>
    /// The cadence an enrollment runs: its own version's, else (a version this instance cannot compile) the active one's.
    /// </summary>
    public Cadence? CadenceOf(int version, string cadenceId) =>
        (versions.TryGetValue(version, out var rules) && rules.Cadences.TryGetValue(cadenceId, out var cadence)
            ? cadence
            : null) ?? Volatile.Read(ref current)?.Rules.Cadences.GetValueOrDefault(cadenceId);
}
