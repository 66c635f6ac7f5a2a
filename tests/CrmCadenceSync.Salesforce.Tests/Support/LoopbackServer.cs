using CrmCadenceSync.Mocks;
using WireMock.Server;

namespace CrmCadenceSync.Salesforce.Tests.Support;

internal static class LoopbackServer
{
    /// <summary>A WireMock server on 127.0.0.1 only (its default listens on every interface).</summary>
    public static WireMockServer Start() => LoopbackWireMock.Start();
}
