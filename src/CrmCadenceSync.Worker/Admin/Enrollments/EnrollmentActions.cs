using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Admin.Enrollments;

/// <summary>
/// An admin's pause, resume and exit. Each changes the enrollment row (due-step runs only take active rows, so it
/// takes effect on the next cycle), queues the contact's new status for the CRM, and is audited in the same save.
/// </summary>
internal sealed class EnrollmentActions(CadenceDbContext db, RuleSetProvider rules, OwnerDirectory owners, TimeProvider time)
{
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Exit = "exit";

    /// <returns>The changed row, or the reason the action does not apply (null row).</returns>
    public async Task<(EnrollmentEntity? Row, string? Refusal)> ApplyAsync(Guid id, string action, string actor, CancellationToken cancellationToken)
    {
        var row = await db.Enrollments.FindAsync([id], cancellationToken);
        if (row is null)
        {
            return (null, null);
        }

        var enrollment = row.ToEnrollment();
        var now = time.GetUtcNow();
        var cadence = rules.CadenceOf(row.RuleSetVersion, row.CadenceId);
        var contact = (await db.Contacts.FindAsync([row.Connection, row.ContactCrmId], cancellationToken))?.ToContact();
        var owner = contact is null ? null : await owners.FindAsync(row.Connection, contact.OwnerId, cancellationToken);
        switch (action)
        {
            case Pause when enrollment.State is EnrollmentState.Active or EnrollmentState.Held:
                enrollment.Pause(byPolicy: false).CopyTo(row);
                break;
            case Resume when enrollment.State == EnrollmentState.Paused:
                enrollment.Resume().CopyTo(row);
                if (cadence is not null && contact is not null && row.NextStepIndex < cadence.Steps.Count)
                {
                    // Picks up at the step it stopped on; a step that came due while paused goes out at the next opening,
                    // and the steps after it keep their gaps from then.
                    TouchTiming.ScheduleNext(row, cadence, contact, owner, now);
                }

                break;
            case Exit when enrollment.IsOpen:
                var ended = enrollment.Exit(ExitReason.Manual, now);
                ended.CopyTo(row);
                if (contact is not null)
                {
                    var repDate = cadence is null ? DateOnly.FromDateTime(now.UtcDateTime) : TouchTiming.RepLocalDate(now, contact, owner, cadence);
                    db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Ended(ended, contact, cadence, now, repDate), row.Id, now));
                }

                break;
            default:
                return (null, $"Enrollment {id} is {row.State}; it cannot be {Past(action)}.");
        }

        if (contact is not null)
        {
            QueueStatus(row, contact, cadence, now);
        }

        AdminAudit.Record(db, actor, $"enrollment.{action}", id.ToString(), $"{row.Connection}/{row.ContactCrmId} in {row.CadenceId}: {enrollment.State} -> {row.State}", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The worker changed the enrollment between our read and our write (a step written, a reply exiting it).
            return (null, $"Enrollment {id} changed while you were acting on it; nothing was done. Reload it and try again.");
        }

        return (row, null);
    }

    private void QueueStatus(EnrollmentEntity row, Contact contact, Cadence? cadence, DateTimeOffset now) =>
        db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(row.ToEnrollment(), contact, cadence, row.NextDueAt, now), row.Id, now));

    private static string Past(string action) => action switch
    {
        Pause => "paused",
        Resume => "resumed",
        _ => "exited",
    };
}
