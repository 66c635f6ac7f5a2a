using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace CrmCadenceSync.Mocks.Smtp;

/// <summary>
/// A mail relay for the sandbox: a small SMTP server on a loopback port that keeps every message it accepts
/// (and, if given a folder, writes it there as .eml). Like real mailboxes, which do not reliably de-duplicate, it keeps
/// every delivery: a resend of the same message (same Message-ID) is a second email. It can be told to drop the
/// connection right after accepting a message, which a sender sees as a failure although the message arrived.
/// </summary>
public sealed class SandboxSmtpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly string? folder;
    private int dropsLeft;

    private SandboxSmtpServer(string? folder)
    {
        this.folder = folder;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Where each message is written as an .eml file; null when they are kept in memory only.</summary>
    public string? Folder => folder;

    /// <summary>Every message accepted, in order, resends included.</summary>
    public IReadOnlyCollection<MimeMessage> Messages => [.. received];

    /// <summary>DATA transactions accepted, resends included.</summary>
    public int Deliveries => received.Count;

    /// <param name="folder">Where to write each message as an .eml file; null keeps them in memory only.</param>
    public static SandboxSmtpServer Start(string? folder = null) => new(folder);

    /// <summary>The next <paramref name="count"/> messages are stored, then the connection drops before the reply.</summary>
    public void DropAfterAccepting(int count) => Interlocked.Exchange(ref dropsLeft, count);

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 sandbox.smtp CrmCadenceSync sandbox relay");
                while (await reader.ReadLineAsync(stopping.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-sandbox.smtp");
                            await writer.WriteLineAsync("250 8BITMIME");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                            if (!await ReceiveAsync(reader))
                            {
                                return;
                            }

                            await writer.WriteLineAsync("250 OK queued");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                            await writer.WriteLineAsync("250 OK");
                            break;
                        default:
                            await writer.WriteLineAsync("502 Command not implemented");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the sandbox is stopping.
            }
        }
    }

    /// <returns>False when the connection is to be dropped after storing (a simulated timeout).</returns>
    private async Task<bool> ReceiveAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(stopping.Token) is { } line && line != ".")
        {
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        using var content = new MemoryStream(Encoding.UTF8.GetBytes(data.ToString()));
        var message = await MimeMessage.LoadAsync(content, stopping.Token);
        received.Enqueue(message);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            var id = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars()));
            await message.WriteToAsync(Path.Combine(folder, $"{id}.{received.Count}.eml"), stopping.Token);
        }

        return Interlocked.Decrement(ref dropsLeft) < 0;
    }
}
