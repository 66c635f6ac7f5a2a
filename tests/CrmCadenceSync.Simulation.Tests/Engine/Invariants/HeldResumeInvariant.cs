using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// A held enrollment resumes only when something changed: a field of the contact (the one its hold named, or its owner),
/// a rule-set edit, or the admin resuming it. Here any change of the contact counts, so what fires is a resume with no
/// change at all since the hold (the old by-reference comparison resumed and re-held on every re-read).
/// </summary>
public sealed class HeldResumeInvariant : ISimInvariant
{
    private int seen;

    public string Name => "HeldResume";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        for (; seen < history.Resumes.Count; seen++)
        {
            var (id, heldFrom, resumedBy) = history.Resumes[seen];
            var e = history.Enrollments[id];
            var changed = history.LastChange.TryGetValue((e.Connection, e.ContactId), out var at) && at >= heldFrom;
            if (!changed && !history.AdminResumed.Contains(id) && !(history.LastRuleEdit >= heldFrom))
            {
                violations.Add($"{e.Connection} contact {e.ContactId} enrollment {id:N} resumed by {resumedBy:u} from a hold begun after {heldFrom:u} with nothing changed since");
            }
        }
    }
}
