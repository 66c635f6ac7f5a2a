using System.Globalization;
using System.Text.Json;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>
/// Completes the callbacks of blocked Enroll in cadence executions once their enrollment has ended: the outputs are fixed
/// and stored first (so a restart completes with the same values), then sent through the callbacks API in batches. A
/// failed completion is retried with growing delays; a permanent refusal, or too many failures, makes it a dead letter
/// with its reason. Each row is claimed before it is sent, so two instances never complete the same callback.
/// </summary>
internal sealed class CallbackCompletionRunner(
    CadenceDbContext db, ConnectionRegistry connections, IOptions<HubSpotAppOptions> options, TimeProvider time, ILogger<CallbackCompletionRunner> logger)
{
    private const int BatchSize = 500;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <returns>Callbacks completed in this run.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await FixOutputsAsync(cancellationToken);
        var completed = 0;
        foreach (var connector in connections.All.OfType<HubSpotConnector>())
        {
            completed += await SendAsync(connector, cancellationToken);
        }

        return completed;
    }

    private async Task FixOutputsAsync(CancellationToken cancellationToken)
    {
        var blocked = await db.WorkflowCallbacks.Where(c => c.State == WorkflowCallbackStates.Blocked).Take(BatchSize).ToListAsync(cancellationToken);
        if (blocked.Count == 0)
        {
            return;
        }

        var ids = blocked.Select(c => c.EnrollmentId).OfType<Guid>().ToList();
        var ended = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.Id) && !e.IsOpen).ToDictionaryAsync(e => e.Id, cancellationToken);
        if (ended.Count == 0)
        {
            return;
        }

        var endedIds = ended.Keys.ToList();
        var written = await db.StepRuns.AsNoTracking().Where(r => endedIds.Contains(r.EnrollmentId) && r.Outcome == "Written")
            .GroupBy(r => r.EnrollmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var callback in blocked.Where(c => c.EnrollmentId is { } id && ended.ContainsKey(id)))
        {
            var row = ended[callback.EnrollmentId!.Value];
            var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Connection == row.Connection && c.CrmId == row.ContactCrmId, cancellationToken);
            var reason = row.ExitReason ?? row.State;
            var replied = reason.StartsWith(nameof(ExitReason.Replied), StringComparison.Ordinal) || contact?.LastRepliedAt >= row.EnrolledAt;
            var meeting = reason.StartsWith(nameof(ExitReason.MeetingBooked), StringComparison.Ordinal) || contact?.LastMeetingBookedAt >= row.EnrolledAt;
            callback.OutputsJson = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["exit_reason"] = reason,
                ["replied"] = replied ? "true" : "false",
                ["meeting_booked"] = meeting ? "true" : "false",
                ["touches_written"] = written.GetValueOrDefault(row.Id).ToString(CultureInfo.InvariantCulture),
            });
            callback.State = WorkflowCallbackStates.Pending;
            callback.NextAttemptAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> SendAsync(HubSpotConnector connector, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.WorkflowCallbacks.AsNoTracking()
            .Where(c => c.Connection == connector.Connection && c.State == WorkflowCallbackStates.Pending && c.NextAttemptAt <= now)
            .OrderBy(c => c.NextAttemptAt).Take(CallbackCompleter.MaxBatch)
            .Select(c => new { c.CallbackId, c.NextAttemptAt })
            .ToListAsync(cancellationToken);
        var claimed = new List<string>();
        var until = now + ClaimFor;
        foreach (var row in due)
        {
            // A claim moves the row's next attempt on; another instance that read the same row finds it changed and leaves it.
            var taken = await db.WorkflowCallbacks
                .Where(c => c.CallbackId == row.CallbackId && c.State == WorkflowCallbackStates.Pending && c.NextAttemptAt == row.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextAttemptAt, until), cancellationToken);
            if (taken == 1)
            {
                claimed.Add(row.CallbackId);
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var rows = await db.WorkflowCallbacks.Where(c => claimed.Contains(c.CallbackId)).ToListAsync(cancellationToken);
        var completions = rows.Select(r => new CallbackCompletion(
            r.CallbackId, JsonSerializer.Deserialize<Dictionary<string, string>>(r.OutputsJson ?? "{}") ?? [])).ToList();
        var results = (await connector.CompleteCallbacksAsync(completions, cancellationToken)).ToDictionary(r => r.IdempotencyKey, StringComparer.Ordinal);
        now = time.GetUtcNow();
        var completed = 0;
        var settings = options.Value;
        foreach (var row in rows)
        {
            var error = results.GetValueOrDefault(row.CallbackId)?.Error;
            row.Attempts++;
            if (error is null)
            {
                row.State = WorkflowCallbackStates.Completed;
                row.CompletedAt = now;
                row.NextAttemptAt = null;
                row.LastError = null;
                completed++;
                continue;
            }

            row.LastError = $"{error.Code}: {error.Message}";
            HubSpotAppLog.CompletionFailed(logger, row.CallbackId, error.Code, row.Attempts, error.Message);
            if (error.IsPermanent || row.Attempts >= settings.MaxCompletionAttempts)
            {
                row.State = WorkflowCallbackStates.DeadLetter;
                row.NextAttemptAt = null;
                var reason = error.IsPermanent
                    ? $"HubSpot refused to complete workflow callback {row.CallbackId} for contact {row.ContactCrmId}: {error.Message}"
                    : $"Completing workflow callback {row.CallbackId} for contact {row.ContactCrmId} failed {row.Attempts} times; last: {error.Message}";
                db.DeadLetters.Add(new DeadLetterEntity
                {
                    Connection = row.Connection,
                    IdempotencyKey = CallbackDeadLetters.Key(row.CallbackId),
                    WriteType = CallbackDeadLetters.WriteType,
                    PayloadJson = row.OutputsJson ?? "{}",
                    Code = error.Code,
                    Reason = reason,
                    FailedAt = now,
                });
                HubSpotAppLog.DeadLettered(logger, row.CallbackId, error.Code, reason);
            }
            else
            {
                var delay = TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(row.Attempts - 1, 20))));
                row.NextAttemptAt = error.RetryAt is { } at && at > now + delay ? at : now + delay;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return completed;
    }
}
