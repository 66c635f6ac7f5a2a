using System.Net;
using System.Net.Sockets;
using WireMock.Server;
using WireMock.Settings;

namespace CrmCadenceSync.Salesforce.Tests.Support;

internal static class LoopbackServer
{
    /// <summary>A WireMock server on 127.0.0.1 only (its default listens on every interface).</summary>
    public static WireMockServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] });
    }
}
