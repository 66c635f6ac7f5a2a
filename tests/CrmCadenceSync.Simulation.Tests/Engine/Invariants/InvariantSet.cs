using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>Which invariants a run checks.</summary>
public static class InvariantSet
{
    /// <summary>The promises main keeps today: checked for every CI seed.</summary>
    public static IReadOnlyList<ISimInvariant> Shipped(Func<Touch, bool> isOpen) =>
    [
        new SpacingInvariant(),
        new BusinessHoursInvariant(),
        new SuppressionInvariant(),
        new OneOpenEnrollmentInvariant(),
        new RepCapInvariant(),
        new NoRerunInvariant(),
        new ReenrollInvariant(),
        new DeadLeadsInvariant(),
        new HeldResumeInvariant(),
        new TasksClosedOnExitInvariant(isOpen),
    ];

    /// <summary>
    /// Promises of features still being built: each has its self-test, and joins <see cref="Shipped"/> once its feature
    /// is on main (none left now; <c>--pending</c> in the long mode checks them).
    /// </summary>
    public static IReadOnlyList<ISimInvariant> Pending() => [];
}
