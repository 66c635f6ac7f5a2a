using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>One promise of issue 13, checked every simulated hour against what the sandboxes received and the database.</summary>
public interface ISimInvariant
{
    string Name { get; }

    /// <summary>Adds a line per violation found in <paramref name="hour"/>.</summary>
    void Check(SimHistory history, HourCheck hour, List<string> violations);
}
