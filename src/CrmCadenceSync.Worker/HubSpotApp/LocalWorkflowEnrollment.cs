using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Admin;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>
/// Enrolls through the same <see cref="EnrollmentStarter"/> as automatic enrollment (first step timed, timeline note,
/// status write), reading the contact from the CRM when the store has not seen it yet. Refuses an unknown cadence or
/// step, an opted-out contact, and a contact already in another cadence (one open cadence per contact).
/// </summary>
internal sealed class LocalWorkflowEnrollment(
    CadenceDbContext db, ConnectionRegistry connections, RuleSetProvider rules, OwnerDirectory owners, EnrollmentStarter starter, TimeProvider time) : IWorkflowEnrollment
{
    public async Task<WorkflowEnrollmentResult> EnrollAsync(
        string connection, string contactCrmId, string cadenceId, int? startStep, string actor, CancellationToken cancellationToken)
    {
        var active = rules.Current;
        if (!active.Rules.Cadences.TryGetValue(cadenceId, out var cadence))
        {
            return Refused($"Input cadence '{cadenceId}' is not a cadence; known: {string.Join(", ", active.Rules.Cadences.Keys)}.");
        }

        if (startStep is { } step && (step < 1 || step > cadence.Steps.Count))
        {
            return Refused($"Input start_step {step} is outside cadence '{cadenceId}', which has steps 1 to {cadence.Steps.Count}.");
        }

        var open = await db.Enrollments.AsNoTracking().FirstOrDefaultAsync(e => e.Connection == connection && e.ContactCrmId == contactCrmId && e.IsOpen, cancellationToken);
        if (open is not null)
        {
            return open.CadenceId == cadenceId
                ? new WorkflowEnrollmentResult(open.Id, null)
                : Refused($"Contact {contactCrmId} is already in cadence '{open.CadenceId}'; a contact runs one cadence at a time.");
        }

        var now = time.GetUtcNow();
        var snapshot = await db.Contacts.FindAsync([connection, contactCrmId], cancellationToken);
        var contact = snapshot?.ToContact();
        if (contact is null)
        {
            var read = connections.Find(connection) is { } connector ? await connector.ReadContactsAsync([contactCrmId], cancellationToken) : [];
            contact = read.Count > 0 ? read[0] : null;
            if (contact is null)
            {
                return Refused($"Contact {contactCrmId} was not found in {connection}.");
            }

            db.Contacts.Add(contact.ToEntity(now));
        }

        if (contact.EmailOptOut && cadence.Steps.All(s => s.SendsEmail))
        {
            return Refused($"Contact {contactCrmId} opted out of email and cadence '{cadenceId}' has only email steps.");
        }

        var segment = active.Rules.Segments.FirstOrDefault(s => s.CadenceId == cadenceId)?.Name ?? "Workflow";
        var started = new Enrollment
        {
            Id = Guid.NewGuid(),
            Connection = connection,
            ContactCrmId = contactCrmId,
            Segment = segment,
            CadenceId = cadenceId,
            EnrolledAt = now,
            NextStepIndex = (startStep ?? 1) - 1,
        };
        var owner = await owners.FindAsync(connection, contact.OwnerId, cancellationToken);
        starter.Start(started, contact, owner, active, now);
        AdminAudit.Record(db, actor, "enrollment.enroll", started.Id.ToString(), $"{connection}/{contactCrmId} in {cadenceId} from step {started.NextStepIndex + 1}", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another path enrolled the contact between our check and our write (the one-open-enrollment index held).
            db.ChangeTracker.Clear();
            var winner = await db.Enrollments.AsNoTracking().FirstOrDefaultAsync(e => e.Connection == connection && e.ContactCrmId == contactCrmId && e.IsOpen, cancellationToken);
            return winner?.CadenceId == cadenceId
                ? new WorkflowEnrollmentResult(winner.Id, null)
                : Refused($"Contact {contactCrmId} was enrolled elsewhere at the same moment; try again.");
        }

        return new WorkflowEnrollmentResult(started.Id, null);
    }

    private static WorkflowEnrollmentResult Refused(string reason) => new(null, reason);
}
