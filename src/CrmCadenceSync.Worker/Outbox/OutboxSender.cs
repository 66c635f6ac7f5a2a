using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// Sends queued writes to each CRM in batches and records the outcome: the CRM id on success, a dead letter with
/// the CRM's reason for a permanent refusal, a backoff for a transient one. A crash between the CRM call and the
/// commit is safe: the rows stay pending, and the connector finds the records by their sync key instead of
/// creating them again. Rows are claimed first (<see cref="WorkClaims"/>), so instances sharing the store send different rows.
/// </summary>
public sealed partial class OutboxSender(
    CadenceDbContext db,
    ConnectionRegistry connections,
    ConnectionHealth health,
    WorkClaims claims,
    MailRelay relay,
    CycleStats stats,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <returns>How many rows the batch took for this connection; 0 when nothing is waiting.</returns>
    public async Task<int> SendBatchAsync(string connection, int maxRows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = claims.NewLease(now);
        var claimed = await claims.ClaimOutboxAsync(lease, connection, OutboxState.Pending, now, maxRows, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var rows = await claims.HeldOutboxAsync(lease, claimed, cancellationToken);

        var connector = connections.Get(connection);
        var emails = rows.Where(r => r.WriteType == WriteType.Email).ToList();
        if (emails.Count > 0)
        {
            await SendEmailsAsync(emails, now, cancellationToken);
        }

        try
        {
            var activities = rows.Where(r => r.WriteType is not (WriteType.ContactStatus or WriteType.Email)).ToList();
            if (activities.Count > 0)
            {
                Record(activities, await connector.WriteActivitiesAsync([.. activities.Select(OutboxPayload.Activity)], cancellationToken), now);
            }

            var statuses = await LatestPerContactAsync(connection, rows.Where(r => r.WriteType == WriteType.ContactStatus).ToList(), now, cancellationToken);
            if (statuses.Count > 0)
            {
                Record(statuses, await connector.WriteContactStatusAsync([.. statuses.Select(OutboxPayload.Status)], cancellationToken), now);
            }

            await health.MarkOkAsync(connection, now, synced: false, cancellationToken);
        }
        catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
        {
            var until = await health.RecordAsync(connection, e, cancellationToken) ?? now.AddMinutes(5);
            foreach (var row in rows.Where(r => r.State == OutboxState.Pending))
            {
                row.AvailableAt = until;
                row.LastError = e.Message;
            }

            LogConnectionWaiting(connection, rows.Count, e.Message);
        }
        catch (HttpRequestException e)
        {
            // The CRM stayed unreachable through the client's own retries: back off and try later.
            foreach (var row in rows.Where(r => r.State == OutboxState.Pending))
            {
                Retry(row, "Unreachable", e.Message, now);
            }

            LogUnreachable(connection, e.Message);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Outcomes are recorded only for rows this instance still holds; a row whose lease ran out mid-call is another
        // instance's now, and its sender finds the CRM record by its sync key instead of creating it again.
        var held = await claims.StillHeldOutboxAsync(lease, claimed, cancellationToken);
        rows.Where(row => !held.Contains(row.Id)).ToList().ForEach(row => db.Entry(row).State = EntityState.Detached);
        WorkClaims.Release(rows.Where(row => held.Contains(row.Id)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    /// <summary>
    /// Sends automated emails through the relay and, for each one sent, queues its engagement for the CRM. After a
    /// dropped connection every unconfirmed message is sent again with the same Message-ID, which mailboxes keep once.
    /// </summary>
    private async Task SendEmailsAsync(List<OutboxEntity> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var emails = rows.ToDictionary(r => r, OutboxPayload.Email);
        IReadOnlyDictionary<string, Exception?> results;
        try
        {
            results = await relay.SendAsync([.. emails.Select(e => MailRelay.Compose(e.Value, e.Key.IdempotencyKey))], cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException
            or MailKit.ServiceNotConnectedException or MailKit.Security.AuthenticationException or TimeoutException)
        {
            rows.ForEach(row => Retry(row, "SmtpUnavailable", e.Message, now));
            LogRelayUnavailable(rows.Count, e.Message);
            return;
        }

        foreach (var (row, email) in emails)
        {
            switch (results.GetValueOrDefault(email.MessageId, new TimeoutException("The relay did not confirm the message.")))
            {
                case null:
                    row.State = OutboxState.Sent;
                    row.SentAt = now;
                    db.Outbox.Add(OutboxPayload.For(row.Connection, email.Log with { DueAt = now }, row.EnrollmentId, now));
                    stats.Written(row.Connection, WriteType.Email, 1);
                    break;
                case MailKit.Net.Smtp.SmtpCommandException refused when (int)refused.StatusCode >= 500:
                    DeadLetter(row, new CrmWriteError(true, $"SMTP {(int)refused.StatusCode}", refused.Message), now);
                    break;
                case { } failed:
                    Retry(row, "SmtpRetry", failed.Message, now);
                    break;
            }
        }
    }

    /// <summary>
    /// Only the newest status of each contact is worth a CRM call: every older unsent one for the same contacts,
    /// in this batch or not, is superseded (but not one another instance is sending right now). A status is also
    /// superseded when a newer one was already sent or is in another instance's hands: sent now, it would overwrite
    /// the newer one in the CRM (as when a killed instance's claim on an old status runs out after its successor went).
    /// </summary>
    private async Task<List<OutboxEntity>> LatestPerContactAsync(string connection, List<OutboxEntity> statuses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (statuses.Count == 0)
        {
            return statuses;
        }

        var contacts = statuses.Select(r => r.ContactCrmId).Distinct().ToList();
        var statusRows = db.Outbox.Where(o => o.Connection == connection && o.WriteType == WriteType.ContactStatus && contacts.Contains(o.ContactCrmId));
        var pending = await statusRows
            .Where(o => o.State == OutboxState.Pending && (o.LeaseUntil == null || o.LeaseUntil <= now || o.ClaimedBy == claims.InstanceId))
            .ToListAsync(cancellationToken);
        var newestElsewhere = await statusRows
            .Where(o => o.State == OutboxState.Sent || (o.State == OutboxState.Pending && o.LeaseUntil > now && o.ClaimedBy != claims.InstanceId))
            .GroupBy(o => o.ContactCrmId)
            .Select(g => new { Contact = g.Key, Id = g.Max(o => o.Id) })
            .ToDictionaryAsync(g => g.Contact, g => g.Id, StringComparer.Ordinal, cancellationToken);
        var latest = new List<OutboxEntity>();
        foreach (var perContact in pending.GroupBy(r => r.ContactCrmId, StringComparer.Ordinal))
        {
            var newest = perContact.MaxBy(r => r.Id)!;
            var stale = newestElsewhere.TryGetValue(perContact.Key, out var newer) && newer > newest.Id;
            foreach (var older in perContact.Where(r => stale || r != newest))
            {
                older.State = OutboxState.Superseded;
                older.SentAt = now;
            }

            if (!stale)
            {
                latest.Add(newest);
            }
        }

        return latest;
    }

    private void Record(List<OutboxEntity> rows, IReadOnlyList<CrmWriteResult> results, DateTimeOffset now)
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
                    row.State = OutboxState.Sent;
                    row.SentAt = now;
                    row.CrmId = result.CrmId;
                    row.LastError = null;
                    stats.Written(row.Connection, row.WriteType, 1);
                    break;
                case { IsPermanent: true } error:
                    DeadLetter(row, error, now);
                    break;
                case { } error:
                    Retry(row, error.Code, error.Message, now);
                    break;
            }
        }
    }

    private void DeadLetter(OutboxEntity row, CrmWriteError error, DateTimeOffset now)
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

    private static void Retry(OutboxEntity row, string code, string message, DateTimeOffset now)
    {
        row.Attempts++;
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 5 * Math.Pow(2, Math.Min(row.Attempts, 20))));
        row.AvailableAt = now + backoff;
        row.LastError = $"{code}: {message}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection} refused {Key} for good ({Code}): {Reason}; dead-lettered")]
    private partial void LogDeadLettered(string connection, string key, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection} cannot take writes ({Reason}); {Count} writes wait")]
    private partial void LogConnectionWaiting(string connection, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP relay is unavailable ({Reason}); {Count} emails back off")]
    private partial void LogRelayUnavailable(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection} is unreachable ({Reason}); writes back off")]
    private partial void LogUnreachable(string connection, string reason);
}
