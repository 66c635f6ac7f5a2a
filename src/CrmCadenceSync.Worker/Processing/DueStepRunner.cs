using CrmCadenceSync.Core.Consent;
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
using CrmCadenceSync.Worker.Identity;
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
    IOptions<Replies.ConsentOptions> consentOptions,
    CycleStats stats,
    TimeProvider time,
    ILogger<DueStepRunner> logger)
{
    private readonly ConsentPolicy consent = consentOptions.Value.ToPolicy();

    /// <returns>How many due enrollments the batch took; 0 when nothing is due.</returns>
    public async Task<int> RunBatchAsync(int maxEnrollments, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = await claims.NewLeaseAsync(now, cancellationToken);
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

        // Reps are read before the transaction opens (no CRM call under the store's write lock). A connection whose reps
        // cannot be read keeps its enrollments claimed until the lease runs out, a pause that holds up no other connection.
        var unreachable = await owners.PrepareAsync(
            await db.Enrollments.AsNoTracking().Where(e => claimed.Contains(e.Id)).Select(e => e.Connection).Distinct().ToListAsync(cancellationToken),
            cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = (await claims.HeldEnrollmentsAsync(lease, claimed, cancellationToken)).Where(e => !unreachable.Contains(e.Connection)).ToList();
        var written = await WrittenStepsAsync(claimed, cancellationToken);
        var caps = new RepDayCaps(db, claims, rules, smtp.Value, claimed);
        foreach (var row in OrderForCap(due))
        {
            await RunAsync(row, active, written, now, caps, cancellationToken);
        }

        WorkClaims.Release(due);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Within a batch, higher-priority steps claim a rep's daily capacity first.</summary>
    private IEnumerable<EnrollmentEntity> OrderForCap(List<EnrollmentEntity> due) =>
        due.OrderByDescending(row => PriorityOf(row) ?? StepPriority.Normal).ThenBy(row => row.NextDueAt);

    private Cadence? CadenceOf(EnrollmentEntity row) => rules.CadenceOf(row.RuleSetVersion, row.CadenceId);

    /// <summary>The priority of the enrollment's next step in its own cadence version, if it has one.</summary>
    private StepPriority? PriorityOf(EnrollmentEntity row) =>
        rules.CadenceOf(row.RuleSetVersion, row.CadenceId) is { } cadence && TouchTiming.StepIndex(row, cadence) is var index && index < cadence.Steps.Count
            ? cadence.Steps[index].Priority
            : null;

    /// <summary>The steps each claimed enrollment has already written: a step is never written twice, whatever an edit did.</summary>
    private async Task<HashSet<(Guid, string)>> WrittenStepsAsync(List<Guid> claimed, CancellationToken cancellationToken) =>
        [.. (await db.StepRuns.AsNoTracking()
                .Where(r => claimed.Contains(r.EnrollmentId) && r.Outcome == "Written")
                .Select(r => new { r.EnrollmentId, r.StepId })
                .ToListAsync(cancellationToken))
            .Select(r => (r.EnrollmentId, r.StepId))];

    private async Task RunAsync(
        EnrollmentEntity row,
        RuleSet rules,
        HashSet<(Guid, string)> written,
        DateTimeOffset now,
        RepDayCaps caps,
        CancellationToken cancellationToken)
    {
        var contact = (await db.Contacts.FindAsync([row.Connection, row.ContactCrmId], cancellationToken))?.ToContact();
        var cadence = CadenceOf(row);
        if (contact is null || cadence is null)
        {
            Hold(row, row.ToEnrollment().Hold(contact is null ? "The contact's snapshot is missing" : $"Cadence '{row.CadenceId}' is not in the active rule set", now), null, null, now);
            return;
        }

        row.NextStepIndex = TouchTiming.StepIndex(row, cadence);
        var enrollment = row.ToEnrollment();
        var owner = await owners.FindAsync(row.Connection, contact.OwnerId, cancellationToken);
        var passedOver = false;
        while (row.NextStepIndex < cadence.Steps.Count && written.Contains((row.Id, cadence.Steps[row.NextStepIndex].Id)))
        {
            // An edit put a step the contact already had back in front of it: it is not written again.
            LogAlreadyWritten(row.Id, cadence.Steps[row.NextStepIndex].Id);
            row.NextStepIndex++;
            passedOver = true;
        }

        if (row.NextStepIndex >= cadence.Steps.Count)
        {
            End(row, enrollment.Complete(contact, now) with { NextStepIndex = row.NextStepIndex }, contact, owner, cadence, now);
            return;
        }

        if (passedOver)
        {
            // The step after the one passed over keeps its own day and gap: the due time was the passed-over step's.
            TouchTiming.ScheduleNext(row, cadence, contact, owner, now);
            if (row.NextDueAt > now)
            {
                stats.StepOutcome("Retimed");
                return;
            }
        }

        var step = cadence.Steps[row.NextStepIndex];
        row.NextStepId = step.Id;
        var dueAt = NextStepTiming.WhenDue(cadence, row.NextStepIndex, contact, owner, row.NextDueAt!.Value, now, rules.Policies.LateStepWindow);
        if (dueAt > now)
        {
            // Long overdue and out of hours (the worker was stopped): it goes out at the next opening, not tonight.
            row.NextDueAt = dueAt;
            stats.StepOutcome("DeferredToOpening");
            return;
        }

        enrollment = row.ToEnrollment();
        switch (TouchPlanner.Prepare(step, contact, owner, cadence, rules, row.LastEmailStepAt, enrollment.TriggerFields, consent, enrollment.Segment))
        {
            case ReadyTouch ready when step.Kind == StepKind.AutoEmail && smtp.Value.Configured && !ready.AsRepTask:
                await QueueEmailAsync(row, enrollment, step, ready, contact, owner, cadence, dueAt, now, caps, cancellationToken);
                break;
            case ReadyTouch ready:
                var activity = Activity(row, step, ready, contact, owner, cadence, dueAt);
                if (activity.Kind == CrmActivityKind.Task
                    && await caps.IsFullAsync(row.Connection, WriteType.Task, activity, step.Priority, TouchTiming.RepZone(contact, owner, cadence), rules.Policies.RepDailyTaskCap, cancellationToken))
                {
                    row.NextDueAt = NextStepTiming.NextRepDay(dueAt, contact, owner, cadence);
                    stats.StepOutcome("PostponedForRepCap");
                    return;
                }

                db.Outbox.Add(OutboxPayload.For(row.Connection, activity, row.Id, now));
                Record(row, step, "Written", null, activity.IdempotencyKey, dueAt, now, ready.Variant);
                if (step.SendsEmail)
                {
                    row.LastEmailStepAt = now;
                }

                Advance(row, enrollment, cadence, contact, owner, now);
                break;
            case SkippedTouch { EndsEnrollment: true } skipped:
                Record(row, step, "Skipped", skipped.Reason.ToString(), null, dueAt, now);
                End(row, enrollment.Exit(ExitReason.StepSuppressed, now), contact, owner, cadence, now);
                break;
            case SkippedTouch skipped:
                Record(row, step, "Skipped", skipped.Reason.ToString(), null, dueAt, now);
                Advance(row, enrollment, cadence, contact, owner, now);
                break;
            case HeldTouch held:
                Record(row, step, "Held", held.Reason, null, dueAt, now);
                Hold(row, enrollment.Hold(held.Reason, now), contact, cadence, now);
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
        RepDayCaps caps,
        CancellationToken cancellationToken)
    {
        var from = string.IsNullOrWhiteSpace(owner?.Email) ? smtp.Value.FallbackFromAddress : owner.Email;
        if (string.IsNullOrWhiteSpace(contact.Email) || string.IsNullOrWhiteSpace(from))
        {
            var reason = string.IsNullOrWhiteSpace(contact.Email)
                ? HoldReasons.NoEmailAddress
                : HoldReasons.NoSenderAddress($"{SmtpOptions.SectionName}:FallbackFromAddress");
            Record(row, step, "Held", reason, null, dueAt, now);
            Hold(row, enrollment.Hold(reason, now), contact, cadence, now);
            return;
        }

        var log = Activity(row, step, ready, contact, owner, cadence, dueAt) with { Kind = CrmActivityKind.LoggedEmail };
        if (await caps.IsFullAsync(row.Connection, WriteType.Email, log, null, TouchTiming.RepZone(contact, owner, cadence), smtp.Value.DailySendLimitPerRep, cancellationToken))
        {
            row.NextDueAt = NextStepTiming.NextRepDay(dueAt, contact, owner, cadence);
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
        Advance(row, enrollment, cadence, contact, owner, now);
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

    /// <summary>Moves to the next step, timed from now: the step just written is the one the next gap counts from.</summary>
    private void Advance(EnrollmentEntity row, Enrollment enrollment, Cadence cadence, Contact contact, Owner? owner, DateTimeOffset now)
    {
        row.PreviousStepAt = now;
        row.NextStepIndex++;
        if (row.NextStepIndex >= cadence.Steps.Count)
        {
            End(row, enrollment.Complete(contact, now) with { NextStepIndex = row.NextStepIndex }, contact, owner, cadence, now);
            return;
        }

        TouchTiming.ScheduleNext(row, cadence, contact, owner, now);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrollment {Enrollment} already had step '{Step}' written; it moves past it instead of writing it again")]
    private partial void LogAlreadyWritten(Guid enrollment, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Running {Count} due enrollments failed ({Reason}); they are given back for the next run")]
    private partial void LogBatchFailed(int count, string reason);
}
