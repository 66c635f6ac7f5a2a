using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Identity;

/// <summary>
/// One person, one cadence: which of a person's linked records runs the cadence. Pure; the caller finds the twins.
/// </summary>
/// <remarks>
/// The rule, in order:
/// <list type="number">
/// <item>A record with an open enrollment of its own keeps running it (linking never ends a cadence under way).</item>
/// <item>A record in a non-primary connection whose primary twin exists follows that twin, whether or not the twin is
/// enrolled: the primary record wins whenever it exists, so the choice does not depend on which record qualified first.</item>
/// <item>A primary record whose twin already runs an open enrollment (started before the primary record was seen)
/// follows it rather than opening a second one.</item>
/// <item>Otherwise the record runs its own cadence.</item>
/// </list>
/// </remarks>
public static class IdentityRule
{
    /// <param name="isPrimary">Whether the record is in the <c>Identity:Primary</c> connection.</param>
    /// <param name="own">The record's own latest enrollment, open or ended; null if it never had one.</param>
    /// <param name="twins">The same person's records in the other connections.</param>
    public static IdentityDecision Decide(bool isPrimary, Enrollment? own, IReadOnlyList<LinkedTwin> twins)
    {
        if (own is { IsOpen: true } || twins.Count == 0)
        {
            return RunsOwnCadence.Instance;
        }

        if (!isPrimary && twins.FirstOrDefault(t => t.IsPrimary) is { } primary)
        {
            return new FollowsTwin(primary);
        }

        return twins.FirstOrDefault(t => t.OpenEnrollment is not null) is { } running
            ? new FollowsTwin(running)
            : RunsOwnCadence.Instance;
    }
}
