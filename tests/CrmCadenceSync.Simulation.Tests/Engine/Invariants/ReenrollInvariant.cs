using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// Re-enrollment by exit reason (<c>Policies:Reenroll</c> as shipped): a contact who replied, booked a meeting, opted out,
/// bounced or ended on a disqualifying call outcome never re-enters the same cadence.
/// </summary>
public sealed class ReenrollInvariant : ISimInvariant
{
    private static readonly HashSet<string> Never = new(["Replied", "MeetingBooked", "OptedOut", "Bounced", "CallOutcome"], StringComparer.Ordinal);

    public string Name => "Reenroll";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        if (!hour.CycleRan)
        {
            return;
        }

        foreach (var group in history.Enrollments.Values.GroupBy(e => (e.Connection, e.ContactId, e.CadenceId)).Where(g => g.Count() > 1))
        {
            foreach (var ended in group.Where(e => e.ExitReason is { } reason && Never.Contains(reason) && e.EndedAt is not null))
            {
                foreach (var later in group.Where(e => e.EnrolledAt > ended.EndedAt!.Value && e.EnrolledAt > hour.Now.AddHours(-1)))
                {
                    violations.Add($"{later.Connection} contact {later.ContactId} re-entered '{later.CadenceId}' at {later.EnrolledAt:u} after leaving it as {ended.ExitReason} at {ended.EndedAt:u}");
                }
            }
        }
    }
}
