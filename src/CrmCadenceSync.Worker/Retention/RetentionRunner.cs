using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Retention;

/// <summary>
/// Deletes or redacts personal data the worker no longer needs, older than <see cref="RetentionOptions.Days"/>: the
/// snapshots of contacts whose enrollments all ended before then, processed inbox events, the payloads of outbox rows
/// done with (rendered emails included), dead letters, and ended enrollments' trigger fields. Enrollments, step runs,
/// outcomes and the outbox rows themselves (ids, keys, states, no personal fields) stay, so the metrics, the rep caps
/// and the idempotency keys do not change.
/// </summary>
public sealed partial class RetentionRunner(CadenceDbContext db, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionRunner> logger)
{
    public DateTimeOffset Cutoff => time.GetUtcNow().AddDays(-options.Value.Days);

    /// <summary>What <see cref="RunAsync"/> would do now, without doing it.</summary>
    public async Task<RetentionSweep> PlanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        return new RetentionSweep(
            await Snapshots(cutoff).CountAsync(cancellationToken),
            await InboxEvents(cutoff).CountAsync(cancellationToken),
            await OutboxPayloads(cutoff).CountAsync(cancellationToken),
            await DeadLetters(cutoff).CountAsync(cancellationToken),
            await TriggerFields(cutoff).CountAsync(cancellationToken));
    }

    public async Task<RetentionSweep> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        var sweep = new RetentionSweep(
            await Snapshots(cutoff).ExecuteDeleteAsync(cancellationToken),
            await InboxEvents(cutoff).ExecuteDeleteAsync(cancellationToken),
            await OutboxPayloads(cutoff).ExecuteUpdateAsync(
                s => s.SetProperty(o => o.PayloadJson, ErasedPayload.Json).SetProperty(o => o.LastError, o => o.LastError == null ? null : ErasedPayload.Text),
                cancellationToken),
            await DeadLetters(cutoff).ExecuteDeleteAsync(cancellationToken),
            await TriggerFields(cutoff).ExecuteUpdateAsync(s => s.SetProperty(e => e.TriggerFieldsJson, (string?)null), cancellationToken));
        LogPurged(sweep.Snapshots, sweep.InboxEvents, sweep.OutboxPayloads, sweep.DeadLetters, sweep.TriggerFields, options.Value.Days);
        return sweep;
    }

    private IQueryable<ContactEntity> Snapshots(DateTimeOffset cutoff)
    {
        var ended = db.Enrollments.Where(e => !e.IsOpen);
        return db.Contacts.Where(c => ended.Any(e => e.Connection == c.Connection && e.ContactCrmId == c.CrmId)
            && !db.Enrollments.Any(e => e.Connection == c.Connection && e.ContactCrmId == c.CrmId && (e.IsOpen || e.EndedAt > cutoff)));
    }

    private IQueryable<InboxEventEntity> InboxEvents(DateTimeOffset cutoff) =>
        db.InboxEvents.Where(e => e.ProcessedAt != null && e.ProcessedAt < cutoff);

    /// <summary>Pending rows keep theirs: they still have to go out.</summary>
    private IQueryable<OutboxEntity> OutboxPayloads(DateTimeOffset cutoff) =>
        db.Outbox.Where(o => o.State != OutboxState.Pending && o.CreatedAt < cutoff && o.PayloadJson != ErasedPayload.Json);

    private IQueryable<DeadLetterEntity> DeadLetters(DateTimeOffset cutoff) =>
        db.DeadLetters.Where(d => d.FailedAt < cutoff);

    private IQueryable<EnrollmentEntity> TriggerFields(DateTimeOffset cutoff) =>
        db.Enrollments.Where(e => !e.IsOpen && e.EndedAt < cutoff && e.TriggerFieldsJson != null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Snapshots} contact snapshots, {InboxEvents} inbox events and {DeadLetters} dead letters, redacted {OutboxPayloads} outbox payloads and {TriggerFields} trigger fields older than {Days} days")]
    private partial void LogPurged(int snapshots, int inboxEvents, int outboxPayloads, int deadLetters, int triggerFields, int days);
}
