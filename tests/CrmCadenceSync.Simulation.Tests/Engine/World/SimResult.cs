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

    /// <summary>Wall-clock time in the worker's cycles, in reading what they did, and in playing the events.</summary>
    public TimeSpan CycleTime { get; init; }

    public TimeSpan ObserveTime { get; init; }

    public TimeSpan EventTime { get; init; }

    public override string ToString() =>
        $"{Cycles} cycles, {Touches} touches, {Enrollments} enrollments in {Elapsed.TotalSeconds:F1} s (cycles {CycleTime.TotalSeconds:F1} s, reading {ObserveTime.TotalSeconds:F1} s, events {EventTime.TotalSeconds:F1} s); {RuleEditsRefused} rule edits refused";
}
