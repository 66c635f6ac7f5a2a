using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Admin;
using CrmCadenceSync.Worker.Admin.Enrollments;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>
/// The card's buttons as operator actions: pause, resume and exit are the admin's (<see cref="EnrollmentActions"/>, audited
/// the same way); skip records the current step as skipped and times the next one, or completes the cadence after its last.
/// </summary>
internal sealed class CardActions(EnrollmentActions admin, CadenceDbContext db, RuleSetProvider rules, OwnerDirectory owners, TimeProvider time)
{
    public const string Pause = EnrollmentActions.Pause;
    public const string Resume = EnrollmentActions.Resume;
    public const string Exit = EnrollmentActions.Exit;
    public const string Skip = "skip";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Pause, Resume, Exit, Skip], StringComparer.Ordinal);

    /// <returns>The refusal, or null when done; <c>found</c> false when the enrollment does not exist.</returns>
    public async Task<(bool Found, string? Refusal)> ApplyAsync(Guid id, string action, string actor, CancellationToken cancellationToken)
    {
        if (action != Skip)
        {
            var (row, refusal) = await admin.ApplyAsync(id, action, actor, cancellationToken);
            return (row is not null || refusal is not null, refusal);
        }

        return await SkipAsync(id, actor, cancellationToken);
    }

    private async Task<(bool Found, string? Refusal)> SkipAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var row = await db.Enrollments.FindAsync([id], cancellationToken);
        if (row is null)
        {
            return (false, null);
        }

        var cadence = rules.CadenceOf(row.RuleSetVersion, row.CadenceId);
        var contact = (await db.Contacts.FindAsync([row.Connection, row.ContactCrmId], cancellationToken))?.ToContact();
        if (row.State != nameof(EnrollmentState.Active) || cadence is null || contact is null || row.NextStepIndex >= cadence.Steps.Count)
        {
            return (true, $"Enrollment {id} is {row.State}; only an active enrollment with a step still to run can skip it.");
        }

        var now = time.GetUtcNow();
        var owner = await owners.FindAsync(row.Connection, contact.OwnerId, cancellationToken);
        var step = cadence.Steps[row.NextStepIndex];
        db.StepRuns.Add(new StepRunEntity
        {
            EnrollmentId = row.Id,
            StepId = step.Id,
            StepNumber = step.Number,
            Outcome = "Skipped",
            Reason = $"skipped by {actor}",
            DueAt = row.NextDueAt ?? now,
            RecordedAt = now,
        });
        row.NextStepIndex++;
        var before = row.State;
        if (row.NextStepIndex < cadence.Steps.Count)
        {
            TouchTiming.ScheduleNext(row, cadence, contact, owner, now);
        }
        else
        {
            var ended = row.ToEnrollment().Complete(contact, now) with { NextStepIndex = row.NextStepIndex };
            ended.CopyTo(row);
            db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Ended(ended, contact, cadence, now, TouchTiming.RepLocalDate(now, contact, owner, cadence)), row.Id, now));
        }

        db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(row.ToEnrollment(), contact, cadence, row.NextDueAt, now), row.Id, now));
        AdminAudit.Record(db, actor, "enrollment.skip", id.ToString(), $"{row.Connection}/{row.ContactCrmId} in {row.CadenceId}: step {step.Number} {step.Id} skipped; {before} -> {row.State}", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (true, $"Enrollment {id} changed while you were acting on it; nothing was done. Reload it and try again.");
        }

        return (true, null);
    }
}
