using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using CrmCadenceSync.Worker.Unsubscribe;
using MimeKit;

namespace CrmCadenceSync.Worker.Email;

/// <summary>Sends messages through the configured SMTP relay (MailKit).</summary>
public sealed class MailRelay(IOptions<SmtpOptions> options)
{
    public const string KeyHeader = "X-CCS-Key";
    public const string TestHeader = "X-CCS-Test";

    /// <summary>Sends each message on one connection; returns, per Message-ID, null or the failure.</summary>
    public async Task<IReadOnlyDictionary<string, Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var results = new Dictionary<string, Exception?>(StringComparer.Ordinal);
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, Socket(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
        }

        foreach (var message in messages)
        {
            var id = message.MessageId ?? throw new ArgumentException("Every message needs a Message-ID.", nameof(messages));
            try
            {
                await client.SendAsync(message, cancellationToken);
                results[id] = null;
            }
            catch (SmtpCommandException e)
            {
                // A refusal of this message (a bad recipient): the connection is still usable for the others.
                results[id] = e;
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return results;
    }

    /// <summary>Opens a connection to the relay (authenticated if configured) for sending messages one by one.</summary>
    public async Task<RelaySession> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Socket(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
            }

            return new RelaySession(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public const string ListUnsubscribeHeader = "List-Unsubscribe";
    public const string ListUnsubscribePostHeader = "List-Unsubscribe-Post";
    public const string OneClick = "List-Unsubscribe=One-Click";

    /// <summary>
    /// A cadence's email; its Message-ID and key header tie every resend to the same touch. It carries the one-click
    /// unsubscribe headers (RFC 2369, RFC 8058) and the same link visibly at the end of the body.
    /// </summary>
    public static MimeMessage Compose(EmailSend email, string key, UnsubscribeLink unsubscribe)
    {
        var message = Build(
            email.MessageId,
            new MailboxAddress(email.FromName ?? "", email.FromAddress),
            new MailboxAddress(email.ToName ?? "", email.ToAddress),
            email.Subject,
            $"{email.Body.TrimEnd()}\n\n--\nDon't want these emails? Unsubscribe with one click: {unsubscribe.Url.AbsoluteUri}\n",
            KeyHeader,
            key);
        message.Headers.Add(ListUnsubscribeHeader, unsubscribe.ListUnsubscribeHeader);
        message.Headers.Add(ListUnsubscribePostHeader, OneClick);
        return message;
    }

    /// <summary>An admin's test of a step: marked in the subject and a header, with a Message-ID of its own.</summary>
    public static MimeMessage ComposeTest(string fromAddress, MailboxAddress to, string subject, string body) =>
        Build($"{Guid.NewGuid():N}@crmcadencesync", new MailboxAddress("CrmCadenceSync test", fromAddress), to, "[TEST] " + subject, body, TestHeader, "true");

    private static MimeMessage Build(string messageId, MailboxAddress from, MailboxAddress to, string subject, string body, string header, string value)
    {
        var message = new MimeMessage { MessageId = messageId, Subject = subject };
        message.From.Add(from);
        message.To.Add(to);
        message.Body = new TextPart("plain") { Text = body };
        message.Headers.Add(header, value);
        return message;
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
