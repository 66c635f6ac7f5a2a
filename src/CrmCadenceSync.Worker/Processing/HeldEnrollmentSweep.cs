using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Dead leads stop: every cycle, enrollments held for longer than <c>Policies:MaxHeldDays</c> exit as HeldTooLong
/// (the engine decides), with the ended note and status a rep sees in the CRM.
/// </summary>
public sealed partial class HeldEnrollmentSweep(
    CadenceDbContext db, RuleSetProvider rules, OwnerDirectory owners, CycleStats stats, TimeProvider time, ILogger<HeldEnrollmentSweep> logger)
{
    private const string Held = nameof(EnrollmentState.Held);

    /// <returns>How many enrollments it ended.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = rules.Current.Rules;

        // Rows held before holds were timed start their clock now rather than exiting at once.
        await db.Enrollments.Where(e => e.State == Held && e.HeldSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.HeldSince, now), cancellationToken);

        var cutoff = now - active.Policies.MaxHeld;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Enrollments.Where(e => e.State == Held && e.HeldSince < cutoff).ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var row in rows)
        {
            var current = row.ToEnrollment();
            if (EnrollmentEngine.DecideOnHold(current, active, now) is not ExitDecision exit)
            {
                continue;
            }

            // Another instance, or a change that resumed it, may have got there first: only a row still held is ended here.
            var taken = await db.Enrollments.Where(e => e.Id == row.Id && e.State == Held)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, nameof(EnrollmentState.Exited)), cancellationToken);
            if (taken == 0)
            {
                continue;
            }

            var exited = current.Exit(exit.Reason, now, exit.Detail);
            exited.CopyTo(row);
            stats.Exited(exited.ExitDescription!);
            ended++;
            if ((await db.Contacts.FindAsync([row.Connection, row.ContactCrmId], cancellationToken))?.ToContact() is { } contact)
            {
                var cadence = rules.CadenceOf(row.RuleSetVersion, row.CadenceId);
                var owner = await owners.FindAsync(row.Connection, contact.OwnerId, cancellationToken);
                var repDate = cadence is null ? DateOnly.FromDateTime(now.UtcDateTime) : TouchTiming.RepLocalDate(now, contact, owner, cadence);
                db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.HeldTooLong(exited, current.HoldReason, active.Policies.MaxHeld, contact, cadence, now, repDate), row.Id, now));
                db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(exited, contact, cadence, null, now), row.Id, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (ended > 0)
        {
            LogEnded(ended, active.Policies.MaxHeld.TotalDays);
        }

        return ended;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} enrollments held for more than {Days} days exited as HeldTooLong")]
    private partial void LogEnded(int count, double days);
}
