using System.Globalization;
using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.HubSpot.Bench;

/// <summary>A sandbox and a connector wired exactly as in production, on the real clock.</summary>
internal sealed class BenchConnection : IDisposable
{
    private readonly ServiceProvider services;

    public BenchConnection(int requestsPer10Seconds, int maxBatchSize)
    {
        Sandbox = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 200, RequestsPer10Seconds = requestsPer10Seconds });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaseUrl"] = Sandbox.Url.AbsoluteUri,
            ["AccessToken"] = Sandbox.Options.AccessToken,
            ["RequestsPer10Seconds"] = requestsPer10Seconds.ToString(CultureInfo.InvariantCulture),
            ["MaxBatchSize"] = maxBatchSize.ToString(CultureInfo.InvariantCulture),
        }).Build();
        services = new ServiceCollection().AddHubSpotConnection("bench", configuration).BuildServiceProvider();
        Connector = services.GetRequiredKeyedService<HubSpotConnector>("bench");
    }

    public HubSpotSandbox Sandbox { get; }

    public HubSpotConnector Connector { get; }

    public void Dispose()
    {
        services.Dispose();
        Sandbox.Dispose();
    }
}
