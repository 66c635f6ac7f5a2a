using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Metrics;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Part of each poll: reads back the tasks we wrote that the CRM has not yet reported completed (batched by the
/// connector), records each completion with the rep's call outcome, and exits the enrollment when the rules exit on
/// that outcome (<c>ExitOnCallOutcomes</c>). Completions also feed the metrics' overdue tasks. Each poll asks about
/// <see cref="TaskStateOptions.PerPoll"/> tasks from a cursor stored per connection that moves on, so newer tasks are
/// read too however many older ones stay open.
/// </summary>
public sealed partial class TaskStatePoller(
    CadenceDbContext db,
    ConnectionRegistry connections,
    RuleSetProvider rules,
    OwnerDirectory owners,
    ConnectionHealth health,
    CycleStats stats,
    IOptions<TaskStateOptions> options,
    TimeProvider time,
    ILogger<TaskStatePoller> logger)
{
    /// <summary>Tasks written longer ago than this are no longer asked about: a rep who never completed them will not.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(30);

    private static readonly string TaskCompleted = nameof(OutcomeKind.TaskCompleted);

    /// <returns>How many enrollments the call outcomes ended.</returns>
    public async Task<int> PollAsync(string connection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var perPoll = options.Value.PerPoll;
        var connectionRow = await health.GetAsync(connection, cancellationToken);
        var (open, cursor) = await NextOpenTasksAsync(connection, now - Lookback, connectionRow.TaskStateCursor, perPoll, cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        IReadOnlyList<CrmTaskState> states;
        try
        {
            states = await connections.Get(connection).ReadTaskStatesAsync([.. open.Select(o => o.CrmId)], cancellationToken);
        }
        catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
        {
            await health.RecordAsync(connection, e, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            LogReadStopped(connection, e.Message);
            return 0;
        }

        connectionRow.TaskStateCursor = cursor;
        var completed = states.Where(s => s.IsCompleted).ToDictionary(s => s.CrmId, StringComparer.Ordinal);
        var done = open.Where(o => completed.ContainsKey(o.CrmId)).ToList();
        if (done.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrollmentIds = done.Select(d => d.EnrollmentId).Distinct().ToList();
        var enrollments = await db.Enrollments.Where(e => enrollmentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var exits = 0;
        foreach (var task in done)
        {
            var state = completed[task.CrmId];
            db.EngagementOutcomes.Add(new EngagementOutcomeEntity
            {
                EnrollmentId = task.EnrollmentId,
                Connection = connection,
                ContactCrmId = task.ContactCrmId,
                Kind = TaskCompleted,
                OccurredAt = state.CompletedAt ?? now,
                RecordedAt = now,
                TaskKey = task.IdempotencyKey,
                CallOutcome = state.CallOutcome,
            });
            if (enrollments.TryGetValue(task.EnrollmentId, out var row) && await ExitOnOutcomeAsync(row, state.CallOutcome, now, cancellationToken))
            {
                exits++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCompleted(connection, done.Count, exits);
        return exits;
    }

    /// <summary>
    /// Up to <paramref name="perPoll"/> open tasks after the cursor, going on from the oldest when the end is reached, so
    /// every open task is asked about in turn however many there are. Returns where the next poll starts.
    /// </summary>
    private async Task<(List<OpenTask> Tasks, long Cursor)> NextOpenTasksAsync(
        string connection, DateTimeOffset since, long after, int perPoll, CancellationToken cancellationToken)
    {
        var open = db.Outbox.AsNoTracking()
            .Where(o => o.Connection == connection && o.WriteType == WriteType.Task && o.State == OutboxState.Sent
                && o.CrmId != null && o.EnrollmentId != null && o.SentAt >= since
                && !db.EngagementOutcomes.Any(e => e.Kind == TaskCompleted && e.TaskKey == o.IdempotencyKey)

                // A task we close ourselves is not a rep's completion, nor a call outcome.
                && !db.Outbox.Any(c => c.IdempotencyKey == o.IdempotencyKey + CloseTaskWrite.KeySuffix));
        var tasks = await ReadAsync(open.Where(o => o.Id > after), perPoll);
        if (tasks.Count == perPoll)
        {
            return (tasks, tasks[^1].Id);
        }

        if (after == 0)
        {
            return (tasks, 0);
        }

        // The end is reached: the rest of this poll starts over from the oldest.
        var wanted = perPoll - tasks.Count;
        var wrapped = await ReadAsync(open.Where(o => o.Id <= after), wanted);
        tasks.AddRange(wrapped);
        return (tasks, wrapped.Count == wanted ? wrapped[^1].Id : 0);

        Task<List<OpenTask>> ReadAsync(IQueryable<OutboxEntity> rows, int count) =>
            rows.OrderBy(o => o.Id).Take(count)
                .Select(o => new OpenTask(o.Id, o.IdempotencyKey, o.CrmId!, o.EnrollmentId!.Value, o.ContactCrmId))
                .ToListAsync(cancellationToken);
    }

    private async Task<bool> ExitOnOutcomeAsync(EnrollmentEntity row, string? outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = rules.Current.Rules;
        var current = row.ToEnrollment();
        if (EnrollmentEngine.DecideOnCallOutcome(current, outcome, active) is not ExitDecision exit)
        {
            return false;
        }

        var ended = current.Exit(exit.Reason, now, exit.Detail);
        ended.CopyTo(row);
        stats.Exited(ended.ExitDescription!);
        var snapshot = await db.Contacts.FindAsync([row.Connection, row.ContactCrmId], cancellationToken);
        if (snapshot?.ToContact() is { } contact)
        {
            var cadence = active.Cadences.GetValueOrDefault(row.CadenceId);
            var owner = await owners.FindAsync(row.Connection, contact.OwnerId, cancellationToken);
            var repDate = cadence is null ? DateOnly.FromDateTime(now.UtcDateTime) : TouchTiming.RepLocalDate(now, contact, owner, cadence);
            db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Ended(ended, contact, cadence, now, repDate), row.Id, now));
            db.Outbox.Add(OutboxPayload.For(row.Connection, EnrollmentNotes.Status(ended, contact, cadence, null, now), row.Id, now));
        }

        return true;
    }

    private sealed record OpenTask(long Id, string IdempotencyKey, string CrmId, Guid EnrollmentId, string ContactCrmId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connection}: {Completed} of our tasks completed in the CRM; {Exits} enrollments ended on the call outcome")]
    private partial void LogCompleted(string connection, int completed, int exits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading task states from {Connection} stopped: {Reason}")]
    private partial void LogReadStopped(string connection, string reason);
}
