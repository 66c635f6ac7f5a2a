using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>At most one open enrollment per contact per connection.</summary>
public sealed class OneOpenEnrollmentInvariant : ISimInvariant
{
    public string Name => "OneOpenEnrollment";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        if (!hour.CycleRan)
        {
            return;
        }

        foreach (var group in history.Enrollments.Values.Where(e => e.IsOpen).GroupBy(e => (e.Connection, e.ContactId)).Where(g => g.Count() > 1))
        {
            violations.Add($"{group.Key.Connection} contact {group.Key.ContactId} has {group.Count()} open enrollments: {string.Join(", ", group.Select(e => $"{e.CadenceId} ({e.State})"))}");
        }
    }
}
