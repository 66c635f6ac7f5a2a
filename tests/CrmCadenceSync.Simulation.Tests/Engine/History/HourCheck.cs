namespace CrmCadenceSync.Simulation.Engine.History;

/// <summary>One simulated hour to check: its end, and what the cycle in it (if one ran) wrote.</summary>
/// <param name="Now">The simulated clock at the check.</param>
/// <param name="NewTouches">Touches first seen in the sandboxes this hour.</param>
/// <param name="CycleRan">Whether a cycle ran this hour (the database snapshot is fresh).</param>
public sealed record HourCheck(DateTimeOffset Now, IReadOnlyList<Touch> NewTouches, bool CycleRan);
