using System.Text.Json;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Triggers;

/// <summary>
/// Enrolls every stored contact a trigger's filter selects into its cadence, in one transaction with the event
/// record, so an event is applied once: a resent event id enrolls nobody.
/// </summary>
public sealed partial class TriggerRunner(
    CadenceDbContext db,
    RuleSetProvider rules,
    OwnerDirectory owners,
    EnrollmentStarter starter,
    CycleStats stats,
    TimeProvider time,
    ILogger<TriggerRunner> logger)
{
    public async Task<TriggerResult> RunAsync(Trigger trigger, string eventId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        if (await PreviousAsync(trigger, eventId, cancellationToken) is { } previous)
        {
            return previous;
        }

        var now = time.GetUtcNow();
        var active = rules.Current;
        var record = new TriggerEventEntity { Trigger = trigger.Name, EventId = eventId, FieldsJson = JsonSerializer.Serialize(fields), ReceivedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.TriggerEvents.Add(record);
        var open = await db.Enrollments.AsNoTracking().Where(e => e.IsOpen)
            .ToDictionaryAsync(e => (e.Connection, e.ContactCrmId), cancellationToken);
        var contacts = await db.Contacts.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var contact in contacts.Select(c => c.ToContact()).Where(trigger.Matches))
        {
            record.Matched++;
            var current = open.GetValueOrDefault((contact.Connection, contact.CrmId))?.ToEnrollment();
            var decision = EnrollmentEngine.DecideForTrigger(contact, trigger, fields, current);
            if (decision is not TriggerEnrollDecision)
            {
                continue;
            }

            var started = DecisionApplier.Apply(decision, contact, current, now, Guid.NewGuid()).Started!;
            starter.Start(started, contact, await owners.FindAsync(contact.Connection, contact.OwnerId, cancellationToken), active, now);
            stats.Enrolled(started.Segment);
            record.Enrolled++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same event arrived twice at once and the other call stored it first; anything else is a real failure.
            db.ChangeTracker.Clear();
            var raced = await PreviousAsync(trigger, eventId, cancellationToken);
            if (raced is null)
            {
                throw;
            }

            return raced;
        }

        LogTriggered(trigger.Name, eventId, record.Matched, record.Enrolled);
        return new TriggerResult(trigger.Name, eventId, record.Matched, record.Enrolled, Duplicate: false);
    }

    private async Task<TriggerResult?> PreviousAsync(Trigger trigger, string eventId, CancellationToken cancellationToken)
    {
        var previous = await db.TriggerEvents.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Trigger == trigger.Name && e.EventId == eventId, cancellationToken);
        return previous is null ? null : new TriggerResult(trigger.Name, eventId, previous.Matched, previous.Enrolled, Duplicate: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {Trigger} event {EventId}: {Matched} contacts matched, {Enrolled} enrolled")]
    private partial void LogTriggered(string trigger, string eventId, int matched, int enrolled);
}
