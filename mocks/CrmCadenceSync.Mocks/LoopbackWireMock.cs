using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using WireMock.Server;
using WireMock.Settings;

namespace CrmCadenceSync.Mocks;

/// <summary>
/// Starts a WireMock server on 127.0.0.1 only (its default listens on every interface). WireMock needs its port up front,
/// so a free one is found first; between finding it and binding it another process on a busy machine (a parallel test
/// run) may take it, and then the next free port is tried.
/// </summary>
public static class LoopbackWireMock
{
    private const int Attempts = 10;

    /// <param name="settings">The server's settings for a given URL (<c>http://127.0.0.1:port</c>).</param>
    /// <param name="port">A fixed port to bind, tried once; none finds a free one.</param>
    public static WireMockServer Start(Func<string, WireMockServerSettings> settings, int? port = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return WireMockServer.Start(settings($"http://127.0.0.1:{port ?? FreePort()}"));
            }
            catch (Exception e) when (port is null && attempt < Attempts && IsAddressInUse(e))
            {
            }
        }
    }

    public static WireMockServer Start() => Start(url => new WireMockServerSettings { Urls = [url] });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsAddressInUse(Exception e) => e switch
    {
        AddressInUseException => true,
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsAddressInUse),
        _ => e.InnerException is { } inner && IsAddressInUse(inner),
    };
}
