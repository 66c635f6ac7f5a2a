using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Segmentation;

namespace CrmCadenceSync.Core.Enrollments.Manual;

/// <summary>
/// An admin (or a CRM automation acting for one) names a contact and a cadence: the same policy as automatic enrollment
/// decides whether it may enter, except the segment, which the admin chose. Pure: no I/O, time from the caller.
/// </summary>
/// <remarks>
/// Pilot throttles do not apply (they ramp up automatic enrollment, and this is a deliberate choice). A do-not-call
/// contact is refused only when the cadence would start with a call or SMS step, or has nothing else left; later
/// phone steps are skipped at write time as for every enrollment, and the decision's note says so.
/// </remarks>
public static class ManualEnrollmentRules
{
    /// <summary>The segment label of a manual enrollment whose contact matches no segment.</summary>
    public const string ManualSegment = "Manual";

    /// <param name="contact">The contact as stored now.</param>
    /// <param name="cadence">The cadence the admin named (the caller checked it exists).</param>
    /// <param name="startStepIndex">0-based index of the step to start at (the caller checked it is in range).</param>
    /// <param name="rules">The active rule set.</param>
    /// <param name="history">The contact's enrollments, open and ended, in any order.</param>
    /// <param name="identity">What identity linking says about this record (<see cref="IdentityRule.Decide"/>).</param>
    /// <param name="now">The current time, from the caller's clock.</param>
    /// <param name="newId">The id the new enrollment gets.</param>
    public static ManualDecision Decide(
        Contact contact, Cadence cadence, int startStepIndex, RuleSet rules, IReadOnlyList<Enrollment> history, IdentityDecision identity,
        DateTimeOffset now, Guid newId)
    {
        if (history.FirstOrDefault(e => e.IsOpen) is { } open)
        {
            return string.Equals(open.CadenceId, cadence.Id, StringComparison.Ordinal)
                ? new ManualAlreadyEnrolled(open)
                : new ManualRefused(ManualRefusal.InAnotherCadence, $"already in cadence '{open.CadenceId}' ({open.State}); exit it first (one cadence per person)");
        }

        if (identity is FollowsTwin { Twin: var twin })
        {
            var other = $"{twin.Contact.Connection}/{twin.Contact.CrmId}";
            return new ManualRefused(
                ManualRefusal.LinkedRecordRuns,
                twin.OpenEnrollment is { } running
                    ? $"the same person's record {other} runs cadence '{running.CadenceId}' (one cadence per person)"
                    : $"the same person's record {other} is in the primary connection; enroll that record instead");
        }

        if (WhyNotReachable(contact, cadence, startStepIndex) is { } unreachable)
        {
            return unreachable;
        }

        if (rules.Policies.PausesIn(contact.LifecycleStage))
        {
            return new ManualRefused(ManualRefusal.PausingLifecycleStage, $"lifecycle stage '{contact.LifecycleStage}' pauses cadences (Policies:PauseInLifecycleStages)");
        }

        if (WhyNotAgain(cadence.Id, rules, history, now) is { } waiting)
        {
            return waiting;
        }

        var segment = Segmenter.Match(rules, contact)?.Name ?? ManualSegment;
        var started = new Enrollment
        {
            Id = newId,
            Connection = contact.Connection,
            ContactCrmId = contact.CrmId,
            Segment = segment,
            CadenceId = cadence.Id,
            EnrolledAt = now,
            NextStepIndex = startStepIndex,
        };

        // Tasks need a rep: an ownerless contact waits, visibly, until the CRM assigns one (as automatic enrollment does).
        if (string.IsNullOrEmpty(contact.OwnerId))
        {
            return new ManualEnroll(started.Hold(HoldReasons.NoOwner, now), "held until the record has an owner");
        }

        var skipped = contact.DoNotCall ? cadence.Steps.Skip(startStepIndex).Count(s => s.PhonesContact) : 0;
        return new ManualEnroll(started, skipped > 0 ? $"{skipped} call/SMS step(s) will be skipped: do not call" : null);
    }

    private static ManualRefused? WhyNotReachable(Contact contact, Cadence cadence, int startStepIndex)
    {
        if (contact.IsDeleted || contact.MergedIntoCrmId is not null)
        {
            return new ManualRefused(
                ManualRefusal.ContactDeleted,
                contact.MergedIntoCrmId is { } into ? $"merged into {into}; enroll that record" : "deleted in the CRM");
        }

        if (contact.RecordType == ContactRecordType.Lead && contact.IsConverted)
        {
            return new ManualRefused(
                ManualRefusal.LeadConverted,
                contact.ConvertedContactCrmId is { } became ? $"a converted lead; enroll the Contact it became ({became})" : "a converted lead; enroll the Contact it became");
        }

        if (contact.EmailOptOut)
        {
            return new ManualRefused(ManualRefusal.OptedOut, "opted out of email");
        }

        if (contact.EmailBounced)
        {
            return new ManualRefused(ManualRefusal.Bounced, "its email address bounced");
        }

        if (!contact.DoNotCall)
        {
            return null;
        }

        var start = cadence.Steps[startStepIndex];
        if (start.PhonesContact)
        {
            return new ManualRefused(ManualRefusal.DoNotCall, $"do not call, and step {start.Number} ({start.Id}) is a {start.Channel} step; start at a later step");
        }

        return cadence.Steps.Skip(startStepIndex).All(s => s.PhonesContact)
            ? new ManualRefused(ManualRefusal.DoNotCall, "do not call, and every remaining step is a call or SMS")
            : null;
    }

    /// <summary><c>Policies:Reenroll</c> as automatic enrollment applies it, for the cadence the admin chose.</summary>
    private static ManualRefused? WhyNotAgain(string cadenceId, RuleSet rules, IReadOnlyList<Enrollment> history, DateTimeOffset now)
    {
        var policies = rules.Policies;
        if (Reenrollment.BarredFrom(cadenceId, policies, history))
        {
            return new ManualRefused(ManualRefusal.BarredFromCadence, $"an earlier enrollment in '{cadenceId}' ended in a way that bars it for good (Policies:Reenroll)");
        }

        DateTimeOffset? until = null;
        foreach (var ended in history)
        {
            if (ended.IsOpen || ended.EndedAt is not { } endedAt)
            {
                continue;
            }

            var same = string.Equals(ended.CadenceId, cadenceId, StringComparison.Ordinal);
            if (!same && rules.FindSegment(ended.Segment) is { } left && rules.Segments.Any(s => s.CadenceId == cadenceId && s.IsAbove(left)))
            {
                // Automatic enrollment lets a contact into a higher segment's cadence at once; so does an admin.
                continue;
            }

            var wait = same ? policies.ReenrollWait(ended.ExitReason) : policies.ReenrollAfter;
            if (wait is { } days && now < endedAt + days && (until is null || endedAt + days > until))
            {
                until = endedAt + days;
            }
        }

        return until is { } free
            ? new ManualRefused(ManualRefusal.CoolingDown, $"an earlier enrollment ended recently; it may enter again from {free:yyyy-MM-dd HH:mm} UTC (Policies:Reenroll)")
            : null;
    }
}
