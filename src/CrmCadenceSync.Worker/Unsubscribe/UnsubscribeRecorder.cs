using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>
/// Applies an unsubscribe in one save: the contact is marked opted out, each of its open enrollments on the connection
/// exits (OptedOut) with its note and status, its queued emails not yet handed to the relay are withdrawn, and the
/// CRM opt-out is queued in the outbox (durable, retried, dead-lettered with the CRM's reason if refused for good).
/// The opt-out write's key is per contact, so a repeated request finds it and changes nothing.
/// </summary>
public sealed partial class UnsubscribeRecorder(
    CadenceDbContext db,
    RuleSetProvider rules,
    OwnerDirectory owners,
    CycleStats stats,
    TimeProvider time,
    ILogger<UnsubscribeRecorder> logger)
{
    public const string WithdrawnReason = "OptedOut: the contact unsubscribed";

    public static string KeyFor(string connection, string contactCrmId) => $"optout:{connection}:{contactCrmId}";

    public async Task<UnsubscribeOutcome> RecordAsync(UnsubscribeRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRecordAsync(request, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3)
            {
                // The worker changed an enrollment meanwhile (a step written), or a second request won the race: read again.
                LogRetried(request.Connection, request.ContactCrmId, e.Message);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<UnsubscribeOutcome> TryRecordAsync(UnsubscribeRequest request, CancellationToken cancellationToken)
    {
        var key = KeyFor(request.Connection, request.ContactCrmId);
        if (await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, cancellationToken))
        {
            return UnsubscribeOutcome.AlreadyOptedOut;
        }

        var contactRow = await db.Contacts.FindAsync([request.Connection, request.ContactCrmId], cancellationToken);
        if (contactRow is null)
        {
            return UnsubscribeOutcome.UnknownContact;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        contactRow.EmailOptOut = true;
        var contact = contactRow.ToContact();
        var open = await db.Enrollments
            .Where(e => e.Connection == request.Connection && e.ContactCrmId == request.ContactCrmId && (e.IsOpen || e.Id == request.EnrollmentId))
            .ToListAsync(cancellationToken);
        var exited = 0;
        foreach (var row in open.Where(r => r.ToEnrollment().IsOpen))
        {
            exited++;
            var cadence = rules.CadenceOf(row.RuleSetVersion, row.CadenceId);
            var owner = await owners.FindAsync(row.Connection, contact.OwnerId, cancellationToken);
            var ended = row.ToEnrollment().Exit(ExitReason.OptedOut, now);
            ended.CopyTo(row);
            row.NextDueAt = null;
            stats.Exited(nameof(ExitReason.OptedOut));
            var repDate = cadence is null ? DateOnly.FromDateTime(now.UtcDateTime) : TouchTiming.RepLocalDate(now, contact, owner, cadence);
            db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Ended(ended, contact, cadence, now, repDate), row.Id, now));
            db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(ended, contact, cadence, null, now), row.Id, now));
        }

        // Only emails not yet handed to the relay: the sender stamps its attempt under the same condition, so an email is
        // either withdrawn here or already on its way, never both.
        var withdrawn = await db.Outbox
            .Where(o => o.Connection == request.Connection && o.ContactCrmId == request.ContactCrmId && o.WriteType == WriteType.Email
                && o.State == OutboxState.Pending && o.AttemptedAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.State, OutboxState.Withdrawn).SetProperty(o => o.SentAt, now).SetProperty(o => o.LastError, WithdrawnReason),
                cancellationToken);

        var optOut = new EmailOptOut(key, contact.CrmId, contact.RecordType, contact.Email ?? "");
        db.Outbox.Add(OutboxPayload.For(request.Connection, optOut, request.EnrollmentId, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogOptedOut(request.Connection, request.ContactCrmId, exited, withdrawn);
        return UnsubscribeOutcome.OptedOut;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: contact {Contact} unsubscribed; {Exited} enrollments exited, {Withdrawn} queued emails withdrawn, the CRM opt-out is queued")]
    private partial void LogOptedOut(string connection, string contact, int exited, int withdrawn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: the unsubscribe of contact {Contact} met a concurrent change ({Reason}); read again")]
    private partial void LogRetried(string connection, string contact, string reason);
}
