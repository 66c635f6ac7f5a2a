using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Unsubscribe;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// Sends automated emails through the relay, at most once each. Every message's attempt is committed before it is
/// sent and its outcome right after the relay answers, before any CRM call, so a CRM outage or a crash never sends it
/// again. A message whose connection dropped before the relay answered may have been delivered: it is dead-lettered
/// as <see cref="DeliveryUnknown"/> for an admin to check and retry or discard, never re-sent blindly.
/// </summary>
public sealed partial class EmailWrites(
    CadenceDbContext db,
    MailRelay relay,
    OutboxOutcomes outcomes,
    IOptions<SmtpOptions> smtp,
    IOptions<UnsubscribeOptions> unsubscribe,
    UnsubscribeTokens tokens,
    ILogger<EmailWrites> logger)
{
    public const string DeliveryUnknown = nameof(DeliveryUnknown);

    private static readonly TimeSpan RelayPause = TimeSpan.FromMinutes(1);

    public async Task SendAsync(WorkLease lease, List<OutboxEntity> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RelaySession? session = null;
        var pace = await PaceAsync(now, cancellationToken);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (row.AttemptedAt is { } earlier)
                {
                    outcomes.DeadLetter(row, Unknown($"a send started at {earlier:u} was never confirmed (the worker stopped or the connection dropped)"), now);
                    await CommitAsync(row, cancellationToken);
                    continue;
                }

                var email = OutboxPayload.Email(row);
                if (pace.WaitUntil(email.FromAddress, now) is { } until)
                {
                    // Held by the mailbox's spacing or hourly cap: it stays queued, unattempted, and goes out later.
                    row.AvailableAt = until;
                    LogPaced(row.Connection, row.IdempotencyKey, until);
                    await CommitAsync(row, cancellationToken);
                    continue;
                }

                if (!await MarkAttemptedAsync(lease, row, now, cancellationToken))
                {
                    // The lease ran out: the row is another instance's now.
                    db.Entry(row).State = EntityState.Detached;
                    continue;
                }

                try
                {
                    session ??= await relay.ConnectAsync(cancellationToken);
                }
                catch (Exception e) when (IsRelayTrouble(e, cancellationToken))
                {
                    // Nothing reached the relay: these messages are known unsent and wait, without counting against them.
                    // One with an earlier unconfirmed attempt is left for the next batch, which dead-letters it.
                    LogRelayUnavailable(rows.Count - i, e.Message);
                    Unsent(row);
                    foreach (var waiting in rows[i..].Where(r => r.AttemptedAt is null && db.Entry(r).State != EntityState.Detached))
                    {
                        waiting.AvailableAt = now + RelayPause;
                        waiting.LastError = $"SmtpUnavailable: {e.Message}";
                        await CommitAsync(waiting, cancellationToken);
                    }

                    return;
                }

                try
                {
                    var link = UnsubscribeLink.For(tokens, unsubscribe.Value, row.Connection, row.EnrollmentId ?? Guid.Empty, email, now);
                    await session.SendAsync(MailRelay.Compose(email, row.IdempotencyKey, link), cancellationToken);
                }
                catch (SmtpCommandException refused)
                {
                    // The relay answered no: the message was not taken, so it may be sent again.
                    Unsent(row);
                    if ((int)refused.StatusCode >= 500)
                    {
                        outcomes.DeadLetter(row, new CrmWriteError(true, $"SMTP {(int)refused.StatusCode}", refused.Message), now);
                    }
                    else
                    {
                        outcomes.Retry(row, "SmtpRetry", refused.Message, now);
                    }

                    await CommitAsync(row, cancellationToken);
                    continue;
                }
                catch (Exception e) when (IsRelayTrouble(e, cancellationToken))
                {
                    pace.Sent(email.FromAddress, now);
                    outcomes.DeadLetter(row, Unknown($"the connection to the relay failed while it was being sent ({e.Message})"), now);
                    await CommitAsync(row, cancellationToken);
                    LogDropped(rows.Count - i - 1, e.Message);
                    await session.DisposeAsync();
                    session = null;
                    continue;
                }

                pace.Sent(email.FromAddress, now);
                outcomes.Sent(row, now);
                db.Outbox.Add(OutboxPayload.For(row.Connection, email.Log with { DueAt = now }, row.EnrollmentId, now));
                await CommitAsync(row, cancellationToken);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Every mailbox's sends in the last hour, from any connection or instance: each email whose attempt is stamped may
    /// have left (an attempt found unsent is unstamped again).
    /// </summary>
    private async Task<MailboxPace> PaceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pace = new MailboxPace(smtp.Value.MinSpacingPerMailbox, smtp.Value.HourlySendLimitPerMailbox);
        var since = now - MailboxPace.Window;
        var recent = await db.Outbox.AsNoTracking()
            .Where(o => o.WriteType == WriteType.Email && o.AttemptedAt != null && o.AttemptedAt > since)
            .Select(o => new { o.Id, o.PayloadJson, o.AttemptedAt })
            .ToListAsync(cancellationToken);
        foreach (var sent in recent)
        {
            try
            {
                pace.Sent(OutboxPayload.Email(sent.Id, sent.PayloadJson).FromAddress, sent.AttemptedAt!.Value);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                // A payload that no longer reads back (redacted) names no mailbox to pace.
            }
        }

        return pace;
    }

    private static CrmWriteError Unknown(string why) =>
        new(true, DeliveryUnknown, $"The relay may or may not have delivered this message: {why}. Check the recipient's mailbox, then retry (sends it again) or discard.");

    /// <summary>
    /// Stamps the attempt and commits it, only while this lease still holds the row and it is still pending (an
    /// unsubscribe withdraws unattempted emails under the mirror condition).
    /// </summary>
    private async Task<bool> MarkAttemptedAsync(WorkLease lease, OutboxEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = await db.Outbox
            .Where(o => o.Id == row.Id && o.ClaimedBy == lease.ClaimedBy && o.LeaseUntil == lease.Until && o.AttemptedAt == null && o.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.AttemptedAt, now), cancellationToken);
        if (marked == 0)
        {
            return false;
        }

        // Already stored: the tracked copy is told so, and a later change back to null is saved.
        db.Entry(row).Property(o => o.AttemptedAt).OriginalValue = now;
        row.AttemptedAt = now;
        return true;
    }

    private static void Unsent(OutboxEntity row) => row.AttemptedAt = null;

    /// <summary>Commits one message's outcome (and its CRM log, when sent) and ends its claim.</summary>
    private async Task CommitAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        WorkClaims.Release([row]);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool IsRelayTrouble(Exception e, CancellationToken cancellationToken) =>
        e is IOException or System.Net.Sockets.SocketException or ProtocolException or ServiceNotConnectedException
            or MailKit.Security.AuthenticationException or TimeoutException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {Connection}: automated email {Key} waits for its mailbox's spacing or hourly cap until {Until:u}")]
    private partial void LogPaced(string connection, string key, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP relay is unavailable ({Reason}); {Count} emails back off")]
    private partial void LogRelayUnavailable(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP connection dropped during a send ({Reason}); that message is dead-lettered as delivery unknown, {Remaining} others are sent on a new connection")]
    private partial void LogDropped(int remaining, string reason);
}
