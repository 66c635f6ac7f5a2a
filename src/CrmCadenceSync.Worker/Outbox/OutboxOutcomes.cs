using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Resilience;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// What happens to an outbox row after a send: sent, retried after a backoff that grows with each failed attempt, or
/// dead-lettered with its reason (refused for good, or failed <see cref="ResilienceOptions.MaxWriteAttempts"/> times).
/// </summary>
public sealed partial class OutboxOutcomes(
    CadenceDbContext db,
    CycleStats stats,
    IOptions<ResilienceOptions> resilience,
    ILogger<OutboxOutcomes> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>Records each row's result from the CRM's answer for the batch.</summary>
    public void Record(List<OutboxEntity> rows, IReadOnlyList<CrmWriteResult> results, DateTimeOffset now)
    {
        var byKey = results.ToDictionary(r => r.IdempotencyKey, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!byKey.TryGetValue(row.IdempotencyKey, out var result))
            {
                Retry(row, "NoResult", "The CRM returned no result for this record.", now);
                continue;
            }

            switch (result.Error)
            {
                case null:
                    Sent(row, now);
                    row.CrmId = result.CrmId;
                    break;
                case { IsPermanent: true } error:
                    DeadLetter(row, error, now);
                    break;
                case { RetryAt: { } at } error:
                    // Not a failure: the record waits until its earlier attempt can be looked up.
                    row.AvailableAt = at;
                    row.LastError = $"{error.Code}: {error.Message}";
                    break;
                case { } error:
                    Retry(row, error.Code, error.Message, now);
                    break;
            }
        }
    }

    public void Sent(OutboxEntity row, DateTimeOffset now)
    {
        row.State = OutboxState.Sent;
        row.SentAt = now;
        row.LastError = null;
        stats.Written(row.Connection, row.WriteType, 1);
    }

    /// <summary>A failure of this row (not of the connection): counted, and dead-lettered once it has failed too often.</summary>
    public void Retry(OutboxEntity row, string code, string message, DateTimeOffset now)
    {
        row.Attempts++;
        if (row.Attempts >= resilience.Value.MaxWriteAttempts)
        {
            DeadLetter(row, new CrmWriteError(true, code, $"{message} (failed {row.Attempts} times)"), now);
            return;
        }

        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 5 * Math.Pow(2, Math.Min(row.Attempts, 20))));
        row.AvailableAt = now + backoff;
        row.LastError = $"{code}: {message}";
    }

    /// <summary>An exception that is not connection trouble, thrown while sending this row alone.</summary>
    public void Failed(OutboxEntity row, Exception failure, DateTimeOffset now)
    {
        LogRowFailed(row.Connection, row.IdempotencyKey, row.Attempts + 1, failure);
        Retry(row, failure.GetType().Name, failure.Message, now);
    }

    public void DeadLetter(OutboxEntity row, CrmWriteError error, DateTimeOffset now)
    {
        row.State = OutboxState.DeadLettered;
        row.LastError = $"{error.Code}: {error.Message}";
        db.DeadLetters.Add(new DeadLetterEntity
        {
            Connection = row.Connection,
            IdempotencyKey = row.IdempotencyKey,
            WriteType = row.WriteType,
            PayloadJson = row.PayloadJson,
            Code = error.Code,
            Reason = error.Message,
            FailedAt = now,
        });
        stats.DeadLettered(row.Connection, 1);
        LogDeadLettered(row.Connection, row.IdempotencyKey, error.Code, error.Message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: {Key} was dead-lettered ({Code}): {Reason}")]
    private partial void LogDeadLettered(string connection, string key, string code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection {Connection}: sending {Key} failed (attempt {Attempt})")]
    private partial void LogRowFailed(string connection, string key, int attempt, Exception exception);
}
