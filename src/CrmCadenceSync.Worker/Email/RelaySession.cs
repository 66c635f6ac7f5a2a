using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace CrmCadenceSync.Worker.Email;

/// <summary>One open connection to the SMTP relay, sending one message at a time so each outcome is known on its own.</summary>
public sealed class RelaySession(SmtpClient client) : IAsyncDisposable
{
    /// <summary>Returns once the relay accepted the message; throws <see cref="SmtpCommandException"/> when it refused it.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
        await client.SendAsync(message, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or ProtocolException or ServiceNotConnectedException or System.Net.Sockets.SocketException)
        {
            // The connection is already gone; every message's outcome was recorded before this.
        }
        finally
        {
            client.Dispose();
        }
    }
}
