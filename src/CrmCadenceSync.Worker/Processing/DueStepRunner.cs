using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Core.Touches;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Runs every step that has come due: checks suppression and conditions at write time, renders the templates,
/// keeps each rep under the daily cap, queues the CRM write and schedules the next step, all in one transaction.
/// Due enrollments are claimed first (<see cref="WorkClaims"/>), so instances sharing the store each run their own.
/// </summary>
public sealed partial class DueStepRunner(
    CadenceDbContext db,
    WorkClaims claims,
    RuleSetProvider rules,
    OwnerDirectory owners,
    IOptions<SmtpOptions> smtp,
    CycleStats stats,
    TimeProvider time,
    ILogger<DueStepRunner> logger)
{
    /// <returns>How many due enrollments the batch took; 0 when nothing is due.</returns>
    public async Task<int> RunBatchAsync(int maxEnrollments, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = claims.NewLease(now);
        var claimed = await claims.ClaimDueEnrollmentsAsync(lease, now, maxEnrollments, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        try
        {
            await RunClaimedAsync(lease, claimed, now, cancellationToken);
            return claimed.Count;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Given back at once, not after the lease: a batch that lost a race with another instance (a deadlock, a
            // duplicate key) is taken again by the next run.
            LogBatchFailed(claimed.Count, e.Message);
            await claims.AbandonEnrollmentsAsync(lease, claimed, CancellationToken.None);
            throw;
        }
    }

    private async Task RunClaimedAsync(WorkLease lease, List<Guid> claimed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = rules.Current.Rules;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await claims.HeldEnrollmentsAsync(lease, claimed, cancellationToken);
        var capCounts = new Dictionary<(string, string, string, DateOnly), int>();
        foreach (var row in OrderForCap(due, active))
        {
            await RunAsync(row, active, now, capCounts, cancellationToken);
        }

        WorkClaims.Release(due);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Within a batch, higher-priority steps claim a rep's daily capacity first.</summary>
    private static IEnumerable<EnrollmentEntity> OrderForCap(List<EnrollmentEntity> due, RuleSet rules) =>
        due.OrderByDescending(row => rules.Cadences.TryGetValue(row.CadenceId, out var cadence) && row.NextStepIndex < cadence.Steps.Count
                ? cadence.Steps[row.NextStepIndex].Priority
                : StepPriority.Normal)
            .ThenBy(row => row.NextDueAt);

    private async Task RunAsync(
        EnrollmentEntity row, RuleSet rules, DateTimeOffset now, Dictionary<(string, string, string, DateOnly), int> capCounts, CancellationToken cancellationToken)
    {
        var contact = (await db.Contacts.FindAsync([row.Connection, row.ContactCrmId], cancellationToken))?.ToContact();
        var enrollment = row.ToEnrollment();
        if (contact is null || !rules.Cadences.TryGetValue(row.CadenceId, out var cadence) || row.NextStepIndex >= cadence.Steps.Count)
        {
            Hold(row, enrollment.Hold(contact is null ? "The contact's snapshot is missing" : $"Cadence '{row.CadenceId}' is not in the active rule set"), null, null, now);
            return;
        }

        var step = cadence.Steps[row.NextStepIndex];
        var owner = await owners.FindAsync(row.Connection, contact.OwnerId, cancellationToken);
        var dueAt = row.NextDueAt!.Value;
        switch (TouchPlanner.Prepare(step, contact, owner, cadence, rules, row.LastEmailStepAt, enrollment.TriggerFields))
        {
            case ReadyTouch ready when step.Kind == StepKind.AutoEmail && smtp.Value.Configured:
                await QueueEmailAsync(row, enrollment, step, ready, contact, owner, cadence, dueAt, now, capCounts, cancellationToken);
                break;
            case ReadyTouch ready:
                var activity = Activity(row, step, ready, contact, owner, cadence, dueAt);
                if (activity.Kind == CrmActivityKind.Task
                    && await OverCapAsync(row, WriteType.Task, activity, rules.Policies.RepDailyTaskCap, capCounts, cancellationToken))
                {
                    row.NextDueAt = NextRepDay(dueAt, contact, owner, cadence);
                    stats.StepOutcome("PostponedForRepCap");
                    return;
                }

                db.Outbox.Add(OutboxPayload.For(row.Connection, activity, row.Id, now));
                Record(row, step, "Written", null, activity.IdempotencyKey, dueAt, now, ready.Variant);
                if (step.SendsEmail)
                {
                    row.LastEmailStepAt = now;
                }

                Advance(row, enrollment, cadence, contact, owner, dueAt, now);
                break;
            case SkippedTouch { EndsEnrollment: true } skipped:
                Record(row, step, "Skipped", skipped.Reason.ToString(), null, dueAt, now);
                End(row, enrollment.Exit(ExitReason.StepSuppressed, now), contact, owner, cadence, now);
                break;
            case SkippedTouch skipped:
                Record(row, step, "Skipped", skipped.Reason.ToString(), null, dueAt, now);
                Advance(row, enrollment, cadence, contact, owner, dueAt, now);
                break;
            case HeldTouch held:
                Record(row, step, "Held", held.Reason, null, dueAt, now);
                Hold(row, enrollment.Hold(held.Reason), contact, cadence, now);
                break;
        }
    }

    /// <summary>
    /// An automated email: queued for the SMTP relay from the owning rep's address, under the rep's daily send limit;
    /// its engagement is logged in the CRM once it is sent.
    /// </summary>
    private async Task QueueEmailAsync(
        EnrollmentEntity row,
        Enrollment enrollment,
        Step step,
        ReadyTouch ready,
        Contact contact,
        Owner? owner,
        Cadence cadence,
        DateTimeOffset dueAt,
        DateTimeOffset now,
        Dictionary<(string, string, string, DateOnly), int> capCounts,
        CancellationToken cancellationToken)
    {
        var from = string.IsNullOrWhiteSpace(owner?.Email) ? smtp.Value.FallbackFromAddress : owner.Email;
        if (string.IsNullOrWhiteSpace(contact.Email) || string.IsNullOrWhiteSpace(from))
        {
            var reason = string.IsNullOrWhiteSpace(contact.Email)
                ? "The contact has no email address"
                : $"The owning rep has no email address and {SmtpOptions.SectionName}:FallbackFromAddress is not set";
            Record(row, step, "Held", reason, null, dueAt, now);
            Hold(row, enrollment.Hold(reason), contact, cadence, now);
            return;
        }

        var log = Activity(row, step, ready, contact, owner, cadence, dueAt) with { Kind = CrmActivityKind.LoggedEmail };
        if (await OverCapAsync(row, WriteType.Email, log, smtp.Value.DailySendLimitPerRep, capCounts, cancellationToken))
        {
            row.NextDueAt = NextRepDay(dueAt, contact, owner, cadence);
            stats.StepOutcome("PostponedForSendLimit");
            return;
        }

        var key = log.IdempotencyKey;
        var email = new EmailSend(
            EmailSend.MessageIdFor(key),
            from,
            owner is null ? null : string.Join(' ', new[] { owner.FirstName, owner.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))),
            contact.Email,
            string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))),
            ready.Subject ?? "",
            ready.Body,
            log with { IdempotencyKey = key + ":logged" });
        db.Outbox.Add(OutboxPayload.For(row.Connection, key, email, row.Id, now));
        Record(row, step, "Written", null, key, dueAt, now, ready.Variant);
        row.LastEmailStepAt = now;
        Advance(row, enrollment, cadence, contact, owner, dueAt, now);
    }

    private static CrmActivity Activity(EnrollmentEntity row, Step step, ReadyTouch ready, Contact contact, Owner? owner, Cadence cadence, DateTimeOffset dueAt) =>
        new(
            $"{row.Id:N}:{step.Id}:0",
            step.Kind == StepKind.Note ? CrmActivityKind.Note : CrmActivityKind.Task,
            contact.CrmId,
            contact.RecordType,
            contact.OwnerId,
            step.Channel,
            step.Priority,
            ready.Subject,
            ready.Body,
            dueAt,
            TouchTiming.RepLocalDate(dueAt, contact, owner, cadence));

    /// <summary>Counts the rep's writes of one type (tasks, or automated emails) on the touch's rep-local day against a cap.</summary>
    private async Task<bool> OverCapAsync(
        EnrollmentEntity row, string writeType, CrmActivity touch, int cap, Dictionary<(string, string, string, DateOnly), int> capCounts, CancellationToken cancellationToken)
    {
        if (touch.OwnerId is null)
        {
            return false;
        }

        var key = (row.Connection, writeType, touch.OwnerId, touch.RepLocalDueDate);
        if (!capCounts.TryGetValue(key, out var count))
        {
            if (!capCounts.Keys.Any(k => k.Item1 == row.Connection))
            {
                await claims.LockRepCapsAsync(row.Connection, cancellationToken);
            }

            count = await db.Outbox.CountAsync(
                o => o.Connection == row.Connection && o.WriteType == writeType && o.OwnerId == touch.OwnerId
                    && o.RepLocalDate == touch.RepLocalDueDate && o.State != OutboxState.DeadLettered,
                cancellationToken);
        }

        if (count >= cap)
        {
            return true;
        }

        capCounts[key] = count + 1;
        return false;
    }

    private static DateTimeOffset NextRepDay(DateTimeOffset dueAt, Contact contact, Owner? owner, Cadence cadence)
    {
        var zone = TouchTiming.RepZone(contact, owner, cadence);
        var local = ZonedTime.ToLocal(dueAt, zone);
        var next = cadence.Calendar.OnOrAfter(DateOnly.FromDateTime(local).AddDays(1));
        return ZonedTime.ToInstant(next.ToDateTime(TimeOnly.FromDateTime(local)), zone);
    }

    private void Advance(EnrollmentEntity row, Enrollment enrollment, Cadence cadence, Contact contact, Owner? owner, DateTimeOffset dueAt, DateTimeOffset now)
    {
        row.PreviousStepAt = dueAt;
        row.NextStepIndex++;
        if (row.NextStepIndex >= cadence.Steps.Count)
        {
            End(row, enrollment.Complete(now) with { NextStepIndex = row.NextStepIndex }, contact, owner, cadence, now);
            return;
        }

        TouchTiming.ScheduleNext(row, cadence, contact, owner);
        db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(enrollment with { NextStepIndex = row.NextStepIndex }, contact, cadence, row.NextDueAt, now), row.Id, now));
    }

    private void End(EnrollmentEntity row, Enrollment ended, Contact contact, Owner? owner, Cadence cadence, DateTimeOffset now)
    {
        ended.CopyTo(row);
        stats.Exited(ended.ExitReason?.ToString() ?? ended.State.ToString());
        db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Ended(ended, contact, cadence, now, TouchTiming.RepLocalDate(now, contact, owner, cadence)), row.Id, now));
        db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(ended, contact, cadence, null, now), row.Id, now));
    }

    private void Hold(EnrollmentEntity row, Enrollment held, Contact? contact, Cadence? cadence, DateTimeOffset now)
    {
        held.CopyTo(row);
        stats.StepOutcome("Held");
        if (contact is not null)
        {
            db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(held, contact, cadence, null, now), row.Id, now));
        }
    }

    private void Record(
        EnrollmentEntity row, Step step, string outcome, string? reason, string? key, DateTimeOffset dueAt, DateTimeOffset now, string? variant = null)
    {
        stats.StepOutcome(outcome);
        db.StepRuns.Add(new StepRunEntity
        {
            EnrollmentId = row.Id,
            StepId = step.Id,
            StepNumber = step.Number,
            Outcome = outcome,
            Reason = reason,
            Variant = variant,
            IdempotencyKey = key,
            DueAt = dueAt,
            RecordedAt = now,
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Running {Count} due enrollments failed ({Reason}); they are given back for the next run")]
    private partial void LogBatchFailed(int count, string reason);
}
