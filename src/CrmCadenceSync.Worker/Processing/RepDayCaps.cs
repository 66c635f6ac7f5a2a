using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// One due-step batch's view of the reps' daily limits (tasks, automated emails): counts per rep-local day, read once
/// and kept as the batch writes, and, for tasks, the rep's higher-priority tasks still to come that day.
/// </summary>
internal sealed class RepDayCaps(CadenceDbContext db, WorkClaims claims, RuleSetProvider rules, SmtpOptions smtp, IReadOnlyCollection<Guid> batch)
{
    private readonly Dictionary<(string, string, string, DateOnly), int> counts = [];

    /// <summary>Each rep-day's count of higher-priority tasks still to come, by the priority asking.</summary>
    private readonly Dictionary<(string, string, DateOnly, StepPriority), int> reservations = [];

    /// <summary>
    /// Whether the rep's day is full for a write of one type (tasks, or automated emails): what is already written on the
    /// touch's rep-local day, plus, for a task, the rep's higher-priority tasks still to come that day, so a day fills High
    /// before Normal before Low whatever order the steps come due in.
    /// </summary>
    public async Task<bool> IsFullAsync(
        string connection,
        string writeType,
        CrmActivity touch,
        StepPriority? priority,
        TimeZoneInfo repZone,
        int cap,
        CancellationToken cancellationToken)
    {
        if (touch.OwnerId is null)
        {
            return false;
        }

        var key = (connection, writeType, touch.OwnerId, touch.RepLocalDueDate);
        if (!counts.TryGetValue(key, out var count))
        {
            if (!counts.Keys.Any(k => k.Item1 == connection))
            {
                await claims.LockRepCapsAsync(connection, cancellationToken);
            }

            count = await db.Outbox.CountAsync(
                o => o.Connection == connection && o.WriteType == writeType && o.OwnerId == touch.OwnerId
                    && o.RepLocalDate == touch.RepLocalDueDate && o.State != OutboxState.DeadLettered,
                cancellationToken);
        }

        var reserved = priority is { } p ? await HigherPriorityLaterAsync(connection, touch, p, repZone, cancellationToken) : 0;
        if (count + reserved >= cap)
        {
            return true;
        }

        counts[key] = count + 1;
        return false;
    }

    /// <summary>The rep's tasks of a higher priority than <paramref name="priority"/> due later on the same rep-local day.</summary>
    private async Task<int> HigherPriorityLaterAsync(
        string connection, CrmActivity touch, StepPriority priority, TimeZoneInfo repZone, CancellationToken cancellationToken)
    {
        if (priority == StepPriority.High)
        {
            return 0;
        }

        var key = (connection, touch.OwnerId!, touch.RepLocalDueDate, priority);
        if (reservations.TryGetValue(key, out var known))
        {
            return known;
        }

        var day = touch.RepLocalDueDate;
        var dayStart = ZonedTime.ToInstant(day.ToDateTime(TimeOnly.MinValue), repZone);
        var dayEnd = ZonedTime.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), repZone);
        var owner = touch.OwnerId;
        const string active = nameof(EnrollmentState.Active);
        var later = await (
                from e in db.Enrollments.AsNoTracking()
                join c in db.Contacts.AsNoTracking() on new { e.Connection, CrmId = e.ContactCrmId } equals new { c.Connection, c.CrmId }
                where e.Connection == connection && e.IsOpen && e.State == active && e.NextDueAt >= dayStart && e.NextDueAt < dayEnd
                    && c.OwnerId == owner && !batch.Contains(e.Id)
                select new { e.CadenceId, e.RuleSetVersion, e.NextStepIndex, e.NextStepId })
            .ToListAsync(cancellationToken);
        var count = later.Count(e => NextStepOf(e.RuleSetVersion, e.CadenceId, e.NextStepId, e.NextStepIndex) is { } step && step.Priority > priority && WritesTask(step));
        reservations[key] = count;
        return count;
    }

    private Step? NextStepOf(int version, string cadenceId, string? stepId, int stepIndex)
    {
        if (rules.CadenceOf(version, cadenceId) is not { } cadence)
        {
            return null;
        }

        var byId = stepId is null ? null : cadence.Steps.FirstOrDefault(s => string.Equals(s.Id, stepId, StringComparison.Ordinal));
        return byId ?? (stepIndex < cadence.Steps.Count ? cadence.Steps[stepIndex] : null);
    }

    private bool WritesTask(Step step) => step.Kind switch
    {
        StepKind.Note => false,
        StepKind.AutoEmail => !smtp.Configured,
        _ => true,
    };
}
