using CrmCadenceSync.Mocks.HubSpot;

namespace CrmCadenceSync.Demo.Sandbox;

/// <summary>Starts a seeded HubSpot sandbox portal and says which connection keys point at it.</summary>
internal static class HubSpotSandboxConnection
{
    public static (HubSpotSandbox Sandbox, IReadOnlyDictionary<string, string?> Settings) Start(string name, SandboxOptions options, TimeProvider time)
    {
        var sandbox = HubSpotSandbox.Start(new HubSpotSandboxOptions { Seed = options.Seed, Contacts = options.Contacts, MaxLogEntries = options.MaxLogEntries, Time = time });
        var prefix = $"Connections:{name}:";
        return (sandbox, new Dictionary<string, string?>
        {
            [prefix + "BaseUrl"] = sandbox.Url.AbsoluteUri,
            [prefix + "AccessToken"] = sandbox.Options.AccessToken,
            [prefix + "WebhookSecret"] = sandbox.Options.WebhookSecret,
        });
    }
}
