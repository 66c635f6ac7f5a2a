using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Enrollments;

/// <summary>
/// <c>Policies:Reenroll</c>: whether a contact whose earlier enrollments ended may enter a segment's cadence now. Each
/// ended enrollment is judged on its own: in the same cadence, by how it ended (never again, or after that reason's
/// days); in another cadence, the general cooldown (<c>ReenrollAfterDays</c>), unless the new segment is higher than
/// the one it left, which it enters at once.
/// </summary>
public static class Reenrollment
{
    /// <summary>Why the contact may not enter <paramref name="segment"/> now, or null when it may.</summary>
    public static NoChangeReason? WhyNot(Segment segment, RuleSet rules, IReadOnlyList<Enrollment> history, DateTimeOffset now)
    {
        var policies = rules.Policies;
        NoChangeReason? found = null;
        foreach (var ended in history)
        {
            if (ended.IsOpen || ended.EndedAt is not { } endedAt)
            {
                continue;
            }

            TimeSpan? wait;
            if (string.Equals(ended.CadenceId, segment.CadenceId, StringComparison.Ordinal))
            {
                wait = policies.ReenrollWait(ended.ExitReason);
                if (wait is null)
                {
                    return NoChangeReason.BarredFromCadence;
                }
            }
            else if (rules.FindSegment(ended.Segment) is { } left && segment.IsAbove(left))
            {
                continue;
            }
            else
            {
                wait = policies.ReenrollAfter;
            }

            if (now < endedAt + wait.Value)
            {
                found = NoChangeReason.CoolingDown;
            }
        }

        return found;
    }

    /// <summary>Whether an earlier enrollment in the cadence ended in a way that bars it for good.</summary>
    public static bool BarredFrom(string cadenceId, Policies policies, IReadOnlyList<Enrollment> history)
    {
        foreach (var ended in history)
        {
            if (!ended.IsOpen && ended.EndedAt is not null && string.Equals(ended.CadenceId, cadenceId, StringComparison.Ordinal)
                && policies.ReenrollWait(ended.ExitReason) is null)
            {
                return true;
            }
        }

        return false;
    }
}
