using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>Which invariants a run checks.</summary>
public static class InvariantSet
{
    /// <summary>The promises main keeps today: checked for every CI seed.</summary>
    public static IReadOnlyList<ISimInvariant> Shipped() =>
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
    ];

    /// <summary>
    /// Promises of features still being built (pending tasks closed in the CRM on exit): each has its self-test, and
    /// joins <see cref="Shipped"/> once its feature is on main.
    /// </summary>
    public static IReadOnlyList<ISimInvariant> Pending(Func<Touch, bool> isOpen) =>
    [
        new TasksClosedOnExitInvariant(isOpen),
    ];
}
