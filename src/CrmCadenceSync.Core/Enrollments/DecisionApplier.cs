using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments.Decisions;

namespace CrmCadenceSync.Core.Enrollments;

/// <summary>Turns a decision into enrollment changes. A move ends the old enrollment and starts the new one together.</summary>
public static class DecisionApplier
{
    public static EnrollmentChange Apply(
        EnrollmentDecision decision, Contact contact, Enrollment? current, DateTimeOffset now, Guid newEnrollmentId)
    {
        return decision switch
        {
            EnrollDecision enroll => new EnrollmentChange(null, Start(contact, enroll.Segment.Name, enroll.Segment.CadenceId, now, newEnrollmentId)),
            TriggerEnrollDecision triggered => new EnrollmentChange(
                null,
                Start(contact, triggered.Trigger.EnrollmentLabel, triggered.Trigger.CadenceId, now, newEnrollmentId) with { TriggerFields = triggered.Fields }),
            MoveDecision move => new EnrollmentChange(
                Require(current).Exit(ExitReason.MovedToAnotherCadence, now),
                Start(contact, move.To.Name, move.To.CadenceId, now, newEnrollmentId)),
            ExitDecision exit => new EnrollmentChange(Require(current).Exit(exit.Reason, now, exit.Detail), null),
            AutoReplyPauseDecision auto => new EnrollmentChange(Require(current) with { AutoReplyAt = auto.ReplyAt }, null),
            PauseDecision => new EnrollmentChange(Require(current).Pause(byPolicy: true), null),
            ResumeDecision => new EnrollmentChange(Require(current).Resume(), null),
            HoldDecision hold => new EnrollmentChange(Require(current).Hold(hold.Reason, now), null),
            _ => EnrollmentChange.None,
        };
    }

    private static Enrollment Start(Contact contact, string segment, string cadenceId, DateTimeOffset now, Guid id)
    {
        var started = new Enrollment
        {
            Id = id,
            Connection = contact.Connection,
            ContactCrmId = contact.CrmId,
            Segment = segment,
            CadenceId = cadenceId,
            EnrolledAt = now,
        };

        // Tasks need a rep: an ownerless contact waits, visibly, until the CRM assigns one.
        return string.IsNullOrEmpty(contact.OwnerId) ? started.Hold(HoldReasons.NoOwner, now) : started;
    }

    private static Enrollment Require(Enrollment? current) =>
        current ?? throw new InvalidOperationException("This decision needs the contact's current enrollment.");
}
