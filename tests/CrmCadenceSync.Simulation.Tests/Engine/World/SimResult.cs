namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>What a run did and found.</summary>
/// <param name="Violations">Invariant violations, each prefixed with its invariant and simulated time; empty when green.</param>
public sealed record SimResult(
    IReadOnlyList<string> Violations,
    int Cycles,
    int Touches,
    int Enrollments,
    int RuleEditsRefused,
    TimeSpan Elapsed)
{
    public bool Green => Violations.Count == 0;
}
