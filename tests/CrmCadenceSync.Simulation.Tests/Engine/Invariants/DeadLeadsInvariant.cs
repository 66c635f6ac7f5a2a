using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// Dead leads stop: an enrollment that runs out of steps with no reply or meeting ends as <c>NoResponse</c>, and one held
/// longer than <c>Policies:MaxHeldDays</c> (shipped 7) exits as <c>HeldTooLong</c>; a day's grace covers the cycle that
/// notices it (a stopped worker notices nothing, so the grace counts from its first cycle back).
/// </summary>
public sealed class DeadLeadsInvariant(int maxHeldDays = 7) : ISimInvariant
{
    public string Name => "DeadLeads";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        if (!hour.CycleRan)
        {
            return;
        }

        foreach (var (id, since) in history.HeldSince)
        {
            if (hour.Now - since > TimeSpan.FromDays(maxHeldDays + 1) && history.Cycles.Count(c => c > since.AddDays(maxHeldDays)) > 1)
            {
                var e = history.Enrollments[id];
                violations.Add($"{e.Connection} contact {e.ContactId} enrollment {id:N} held since {since:u} ({e.HoldReason}), longer than {maxHeldDays} days");
            }
        }

        foreach (var e in history.Enrollments.Values.Where(e => e.State == "Completed" && e.EndedAt > hour.Now.AddHours(-1)))
        {
            var truth = history.Truth.GetValueOrDefault((e.Connection, e.ContactId));
            var engaged = truth is not null && (truth.RepliedAt > e.EnrolledAt || truth.MeetingAt > e.EnrolledAt);
            if (!engaged && e.ExitReason != "NoResponse")
            {
                violations.Add($"{e.Connection} contact {e.ContactId} enrollment {e.Id:N} ran out of steps with no engagement and ended as {e.ExitReason ?? e.State}, not NoResponse");
            }
        }
    }
}
