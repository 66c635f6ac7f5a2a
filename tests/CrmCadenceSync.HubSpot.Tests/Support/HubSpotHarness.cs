using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;

namespace CrmCadenceSync.HubSpot.Tests.Support;

/// <summary>
/// A sandbox on loopback plus the connector wired through the production DI extension, both on one fake clock.
/// </summary>
public sealed class HubSpotHarness : IDisposable
{
    public const string Name = "hubspot";
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public HubSpotHarness(Action<HubSpotSandboxOptions>? sandbox = null, IReadOnlyDictionary<string, string?>? connection = null)
    {
        Time = new FakeTimeProvider(Start);
        var options = new HubSpotSandboxOptions { Contacts = 50, Time = Time };
        sandbox?.Invoke(options);
        Sandbox = HubSpotSandbox.Start(options);
        var prefix = $"Connections:{Name}:";
        var settings = new Dictionary<string, string?>
        {
            [prefix + "Kind"] = "HubSpot",
            [prefix + "BaseUrl"] = Sandbox.Url.AbsoluteUri,
            [prefix + "AccessToken"] = options.AccessToken,
            [prefix + "WebhookSecret"] = options.WebhookSecret,
            [prefix + "RequestsPer10Seconds"] = "100",
            // The fake clock runs far faster than the wall clock here; a long attempt timeout keeps slow loopback calls alive.
            [prefix + "RequestTimeout"] = "01:00:00",
        };
        foreach (var (key, value) in connection ?? new Dictionary<string, string?>())
        {
            settings[prefix + key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IConfiguration>(Configuration);
        services.AddHubSpotConnection(Name, Configuration.GetSection($"Connections:{Name}"));
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public HubSpotSandbox Sandbox { get; }

    public IConfigurationRoot Configuration { get; }

    public ServiceProvider Services { get; }

    public HubSpotConnector Connector => Services.GetRequiredKeyedService<HubSpotConnector>(Name);

    /// <summary>The requests the sandbox received whose path ends with <paramref name="pathSuffix"/>.</summary>
    public IReadOnlyList<ILogEntry> Requests(string pathSuffix) =>
        [.. Sandbox.Server.LogEntries.Where(e => e.RequestMessage?.Path.EndsWith(pathSuffix, StringComparison.Ordinal) == true)];

    /// <summary>
    /// Runs <paramref name="work"/> while moving the fake clock on in steps (100 ms unless given) whenever the work is
    /// not done, so budget waits, Retry-After and backoff pass without wall-clock waiting.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, TimeSpan? step = null)
    {
        var task = work();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(1));
            if (!task.IsCompleted)
            {
                Time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            }
        }

        return await task;
    }

    public async Task<HubSpotConnector> SetUpAsync()
    {
        await RunAsync(() => Connector.SetupAsync(CancellationToken.None));
        Sandbox.Server.ResetLogEntries();
        return Connector;
    }

    public void Dispose()
    {
        Services.Dispose();
        Sandbox.Dispose();
    }
}
