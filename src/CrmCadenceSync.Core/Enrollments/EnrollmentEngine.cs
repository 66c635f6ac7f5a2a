using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Replies;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Core.Segmentation;

namespace CrmCadenceSync.Core.Enrollments;

/// <summary>
/// The enrollment policy as one pure function: no I/O, no clock of its own. The same inputs always give the
/// same decision, so replaying an event is harmless.
/// </summary>
public static class EnrollmentEngine
{
    public const string NoOwnerReason = HoldReasons.NoOwner;

    /// <summary>What a merge names as survivor when the CRM did not say which record survived.</summary>
    public const string UnknownSurvivor = "unknown";

    /// <param name="contact">The contact as it is now.</param>
    /// <param name="previous">The contact as last seen, if it was seen before.</param>
    /// <param name="rules">The active rule set.</param>
    /// <param name="current">The contact's latest enrollment, open or ended; null if it never had one.</param>
    /// <param name="now">The current time, from the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="history">
    /// The contact's earlier enrollments (ended ones count; any order), for <c>Policies:Reenroll</c>; when not given, only
    /// <paramref name="current"/> is known.
    /// </param>
    public static EnrollmentDecision Decide(
        Contact contact, Contact? previous, RuleSet rules, Enrollment? current, DateTimeOffset now, IReadOnlyList<Enrollment>? history = null)
    {
        history ??= current is null ? [] : [current];
        return current is { IsOpen: true }
            ? DecideForOpen(contact, previous, rules, current, history)
            : DecideForNotEnrolled(contact, rules, history, now);
    }

    /// <summary>
    /// A record merged into another: its open enrollment continues on the survivor (same step, same history) rather than
    /// starting over there; when the survivor already runs a cadence of its own, this one exits as merged (one cadence
    /// per person). Null when the record has no open enrollment or the survivor is unknown: the usual rules apply.
    /// </summary>
    /// <param name="survivorRuns">Whether the surviving record has an open enrollment of its own.</param>
    public static EnrollmentDecision? DecideOnMerge(Contact contact, Enrollment? current, bool survivorRuns)
    {
        if (contact.MergedIntoCrmId is not { Length: > 0 } survivor || current is not { IsOpen: true } || survivor == UnknownSurvivor)
        {
            return null;
        }

        return survivorRuns ? new ExitDecision(ExitReason.Merged) : new TransferDecision(survivor);
    }

    /// <summary>
    /// A converted lead: its open enrollment continues on the Contact it became (same step, same history) when the
    /// cadence allows it (<c>ContinueOnConversion</c>) and that Contact runs no cadence of its own; otherwise it exits as
    /// converted. Null when it has no open enrollment or the CRM did not name the Contact: the usual rules apply.
    /// </summary>
    /// <param name="contactRuns">Whether the new Contact has an open enrollment of its own.</param>
    public static EnrollmentDecision? DecideOnConversion(Contact lead, Enrollment? current, Cadence? cadence, bool contactRuns)
    {
        if (lead.RecordType != ContactRecordType.Lead || !lead.IsConverted || lead.ConvertedContactCrmId is not { Length: > 0 } into
            || current is not { IsOpen: true })
        {
            return null;
        }

        return contactRuns || cadence is { ContinueOnConversion: false } ? new ExitDecision(ExitReason.LeadConverted) : new TransferDecision(into);
    }

    /// <summary>The record a merged-away record or a converted lead continues as, if any.</summary>
    public static string? SuccessorOf(Contact contact) =>
        contact.MergedIntoCrmId ?? (contact.RecordType == ContactRecordType.Lead && contact.IsConverted ? contact.ConvertedContactCrmId : null);

    /// <summary>An enrollment held for longer than <c>Policies:MaxHeldDays</c> exits: what held it was never fixed.</summary>
    public static EnrollmentDecision DecideOnHold(Enrollment current, RuleSet rules, DateTimeOffset now) =>
        current.IsHeldTooLong(rules.Policies, now)
            ? new ExitDecision(ExitReason.HeldTooLong)
            : NoChangeDecision.For(current.State == EnrollmentState.Held ? NoChangeReason.StillHeld : NoChangeReason.NothingChanged);

    /// <summary>
    /// Whether an external trigger's event enrolls this contact: it must match the trigger's filter and be free to
    /// enroll (no open cadence, not removed, converted or suppressed). Lifecycle pauses and the cooldown do not
    /// apply: a trigger is a deliberate campaign, often for customers.
    /// </summary>
    public static EnrollmentDecision DecideForTrigger(
        Contact contact, Trigger trigger, IReadOnlyDictionary<string, string> fields, Enrollment? current)
    {
        if (current is { IsOpen: true })
        {
            return NoChangeDecision.For(NoChangeReason.AlreadyInCadence);
        }

        if (WhyNotEnrollable(contact) is { } blocked)
        {
            return NoChangeDecision.For(blocked);
        }

        return trigger.Matches(contact)
            ? new TriggerEnrollDecision(trigger, fields)
            : NoChangeDecision.For(NoChangeReason.TriggerFilterNotMet);
    }

    /// <summary>
    /// A rep completed one of the enrollment's tasks with a call outcome: the enrollment exits when the cadence (or,
    /// failing that, the policy) lists the outcome in <c>ExitOnCallOutcomes</c>.
    /// </summary>
    public static EnrollmentDecision DecideOnCallOutcome(Enrollment current, string? outcome, RuleSet rules)
    {
        if (!current.IsOpen)
        {
            return NoChangeDecision.For(NoChangeReason.NothingChanged);
        }

        var exiting = CallOutcomes.ExitingOutcome(rules.Cadences.GetValueOrDefault(current.CadenceId), rules.Policies, outcome);
        return exiting is null ? NoChangeDecision.For(NoChangeReason.NothingChanged) : new ExitDecision(ExitReason.CallOutcome, exiting);
    }

    private static EnrollmentDecision DecideForOpen(Contact contact, Contact? previous, RuleSet rules, Enrollment current, IReadOnlyList<Enrollment> history)
    {
        if (ExitReasonFor(contact, current) is { } exit)
        {
            return new ExitDecision(exit);
        }

        if (DecideOnReply(contact, current, rules) is { } answered)
        {
            return answered;
        }

        if (contact.LastMeetingBookedAt >= current.EnrolledAt)
        {
            return new ExitDecision(ExitReason.MeetingBooked);
        }

        if (contact.RecordType == ContactRecordType.Lead && contact.IsConverted)
        {
            return new ExitDecision(ExitReason.LeadConverted);
        }

        var policies = rules.Policies;

        // A triggered enrollment is a deliberate campaign (often to customers): no lifecycle pause, no segment move.
        var triggered = current.TriggerFields is not null;
        var inPausingStage = !triggered && policies.PausesIn(contact.LifecycleStage);
        switch (current.State)
        {
            case EnrollmentState.Paused:
                return current.PausedByPolicy && !inPausingStage
                    ? new ResumeDecision($"Lifecycle stage is now '{contact.LifecycleStage}'")
                    : NoChangeDecision.For(NoChangeReason.StillPaused);
            case EnrollmentState.Active when inPausingStage:
                return new PauseDecision($"Lifecycle stage '{contact.LifecycleStage}' pauses cadences");
            case EnrollmentState.Active when string.IsNullOrEmpty(contact.OwnerId):
                return new HoldDecision(NoOwnerReason);
            case EnrollmentState.Held when string.IsNullOrEmpty(contact.OwnerId):
                return NoChangeDecision.For(NoChangeReason.StillHeld);
            case EnrollmentState.Held when previous is not null && HoldReasons.Lifted(current.HoldReason, previous, contact):
                // A field the hold named changed: what held the enrollment may be fixed; try again.
                return new ResumeDecision("A field its hold named changed");
        }

        var decision = triggered ? NoChangeDecision.For(NoChangeReason.NothingChanged) : DecideSegmentChange(contact, previous, rules, current, history);

        // A held enrollment may still move to a higher segment's cadence; otherwise it stays held.
        return current.State == EnrollmentState.Held && decision is NoChangeDecision ? NoChangeDecision.For(NoChangeReason.StillHeld) : decision;
    }

    private static EnrollmentDecision DecideSegmentChange(
        Contact contact, Contact? previous, RuleSet rules, Enrollment current, IReadOnlyList<Enrollment> history)
    {
        var now = Segmenter.Match(rules, contact);
        if (now is null || string.Equals(now.Name, current.Segment, StringComparison.Ordinal))
        {
            return NoChangeDecision.For(NoChangeReason.NothingChanged);
        }

        if (string.Equals(now.CadenceId, current.CadenceId, StringComparison.Ordinal))
        {
            return NoChangeDecision.For(NoChangeReason.SameCadence);
        }

        var allowed = rules.Policies.OnSegmentChange switch
        {
            SegmentChangePolicy.MoveBoth => true,
            SegmentChangePolicy.MoveUp => MovesUp(now, rules.FindSegment(current.Segment), contact, previous),
            _ => false,
        };
        if (!allowed)
        {
            return NoChangeDecision.For(NoChangeReason.MoveNotAllowed);
        }

        // A move is no re-enrollment, so no cooldown applies; but it never leads back into a cadence the contact is barred from.
        return Reenrollment.BarredFrom(now.CadenceId, rules.Policies, history)
            ? NoChangeDecision.For(NoChangeReason.BarredFromCadence)
            : new MoveDecision(now);
    }

    private static bool MovesUp(Segment to, Segment? from, Contact contact, Contact? previous)
    {
        if (from is not null)
        {
            return to.IsAbove(from);
        }

        // The old segment left the rule set: judge the direction by the score itself.
        return previous?.LeadScore is { } before && contact.LeadScore is { } after && after > before;
    }

    private static EnrollmentDecision DecideForNotEnrolled(Contact contact, RuleSet rules, IReadOnlyList<Enrollment> history, DateTimeOffset now)
    {
        if (WhyNotEnrollable(contact) is { } blocked)
        {
            return NoChangeDecision.For(blocked);
        }

        if (rules.Policies.PausesIn(contact.LifecycleStage))
        {
            return NoChangeDecision.For(NoChangeReason.PausingLifecycleStage);
        }

        var segment = Segmenter.Match(rules, contact);
        if (segment is null)
        {
            return NoChangeDecision.For(NoChangeReason.NoSegmentMatches);
        }

        return Reenrollment.WhyNot(segment, rules, history, now) is { } waiting
            ? NoChangeDecision.For(waiting)
            : new EnrollDecision(segment);
    }

    /// <summary>Why a contact may not enter any cadence (removed, converted, or no longer reachable by email), if it may not.</summary>
    private static NoChangeReason? WhyNotEnrollable(Contact contact)
    {
        if (contact.IsDeleted || contact.MergedIntoCrmId is not null)
        {
            return NoChangeReason.ContactDeleted;
        }

        if (contact.RecordType == ContactRecordType.Lead && contact.IsConverted)
        {
            return NoChangeReason.LeadConverted;
        }

        return contact.EmailOptOut || contact.EmailBounced ? NoChangeReason.EmailSuppressed : null;
    }

    private static ExitReason? ExitReasonFor(Contact contact, Enrollment current)
    {
        if (contact.MergedIntoCrmId is not null)
        {
            return ExitReason.Merged;
        }

        if (contact.IsDeleted)
        {
            return ExitReason.Deleted;
        }

        if (contact.EmailBounced)
        {
            return ExitReason.Bounced;
        }

        if (contact.EmailOptOut)
        {
            return ExitReason.OptedOut;
        }

        return null;
    }

    /// <summary>
    /// A reply the enrollment has not handled, by kind: a person's answer (or one we cannot read) exits as Replied, "no
    /// longer with the company" as LeftCompany, a request to be removed as OptedOut; an auto-reply pauses it until the
    /// person is back. Null when no new reply came.
    /// </summary>
    public static EnrollmentDecision? DecideOnReply(Contact contact, Enrollment current, RuleSet rules)
    {
        if (current.UnhandledReplyAt(contact) is not { } at)
        {
            return null;
        }

        var reply = ClassifyReply(contact, rules.Cadences.GetValueOrDefault(current.CadenceId), at);
        return reply.Kind switch
        {
            ReplyKind.AutoReply => new AutoReplyPauseDecision(at, reply.ReturnDate, reply.Evidence),
            ReplyKind.LeftCompany => new ExitDecision(ExitReason.LeftCompany),
            ReplyKind.Unsubscribe => new ExitDecision(ExitReason.OptedOut, UnsubscribeReplyDetail),
            _ => new ExitDecision(ExitReason.Replied),
        };
    }

    /// <summary>The exit detail of an opt-out asked for in a reply (rather than set in the CRM).</summary>
    public const string UnsubscribeReplyDetail = "reply";

    /// <summary>What the contact's latest reply is; its day read in the contact's zone (else the cadence's).</summary>
    public static ReplyClassification ClassifyReply(Contact contact, Cadence? cadence, DateTimeOffset at)
    {
        var zone = StepScheduler.ZoneFor(contact.TimeZone, null, cadence?.TimeZone ?? TimeZoneInfo.Utc);
        return ReplyClassifier.Classify(contact.LastReply, contact.LastReply?.ReceivedAt ?? at, zone);
    }
}
