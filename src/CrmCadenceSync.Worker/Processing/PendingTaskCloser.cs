using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Metrics;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Queues a <see cref="WriteType.CloseTask"/> write for every task still open in the CRM whose enrollment has exited
/// (reply, meeting, opt-out, call outcome, admin exit, a move to another cadence, whatever the path), so reps' queues
/// only hold live work. It looks for them rather than being called at each exit, so no exit path can forget it. The
/// close goes through the outbox: it survives an outage and is sent once (its key is the task's key plus ":close").
/// </summary>
public sealed partial class PendingTaskCloser(CadenceDbContext db, TimeProvider time, ILogger<PendingTaskCloser> logger)
{
    /// <summary>Exits older than this were handled by earlier passes; the window keeps each pass small.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(30);

    private static readonly string Exited = nameof(EnrollmentState.Exited);
    private static readonly string TaskCompleted = nameof(OutcomeKind.TaskCompleted);

    /// <returns>How many closes were queued.</returns>
    public async Task<int> StageAsync(string connection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - Lookback;

        // From the exited enrollments through their written steps' keys to the task writes: every hop is indexed.
        var open = await db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == connection && e.State == Exited && e.EndedAt >= since)
            .Join(db.StepRuns.Where(r => r.IdempotencyKey != null), e => e.Id, r => r.EnrollmentId, (e, r) => r.IdempotencyKey)
            .Join(
                db.Outbox.Where(o => o.WriteType == WriteType.Task && (o.State == OutboxState.Pending || o.State == OutboxState.Sent)),
                key => key,
                o => o.IdempotencyKey,
                (key, o) => o)
            .Where(o => !db.Outbox.Any(c => c.IdempotencyKey == o.IdempotencyKey + CloseTaskWrite.KeySuffix)
                && !db.EngagementOutcomes.Any(x => x.Kind == TaskCompleted && x.TaskKey == o.IdempotencyKey))
            .Select(o => new { o.IdempotencyKey, o.EnrollmentId, o.ContactCrmId })
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        foreach (var task in open)
        {
            db.Outbox.Add(OutboxPayload.For(connection, new CloseTaskWrite(task.IdempotencyKey), task.EnrollmentId, task.ContactCrmId, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Another instance queued the same closes (the key is unique); its rows stand.
            db.ChangeTracker.Clear();
            LogRaced(connection, e.InnerException?.Message ?? e.Message);
            return 0;
        }

        LogStaged(connection, open.Count);
        return open.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connection}: {Count} open tasks of exited enrollments queued to be closed")]
    private partial void LogStaged(string connection, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connection}: another instance queued the same task closes first ({Reason})")]
    private partial void LogRaced(string connection, string reason);
}
