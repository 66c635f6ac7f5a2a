using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Worker;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>
/// Both stateful sandbox CRMs and the real worker service (HTTP port for webhooks and the admin API) over a SQLite file,
/// all on one <see cref="FakeTimeProvider"/>. Its timers are left out: the simulation runs one full cycle at the moments
/// it chooses, so a run is the same on every machine. Stopping and starting keeps the SQLite file, as a restart would.
/// </summary>
public sealed class SimWorld : IAsyncDisposable
{
    /// <summary>Monday 23 November 2026, 09:00 in New York: the run crosses Thanksgiving, Christmas and New Year.</summary>
    public static readonly DateTimeOffset Winter = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-5));

    /// <summary>Monday 22 February 2027, 09:00 in New York: the run crosses the change to daylight saving time (14 March).</summary>
    public static readonly DateTimeOffset Spring = new(2027, 2, 22, 9, 0, 0, TimeSpan.FromHours(-5));

    /// <summary>Tasks per rep and rep-local day: low, so the simulated reps hit it.</summary>
    public const int RepDailyTaskCap = 6;

    private readonly string folder;
    private readonly string[] args;
    private WebApplication? app;
    private HttpClient? client;

    private SimWorld(string folder, string[] args, FakeTimeProvider time, HubSpotSandbox hubSpot, SalesforceSandbox salesforce)
    {
        this.folder = folder;
        this.args = args;
        Time = time;
        HubSpot = hubSpot;
        Salesforce = salesforce;
    }

    public FakeTimeProvider Time { get; }

    public HubSpotSandbox HubSpot { get; }

    public SalesforceSandbox Salesforce { get; }

    public bool Running => app is not null;

    /// <summary>The running worker's services (rule versions, database).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The worker is stopped.");

    public string DatabasePath => Path.Combine(folder, "ccs.db");

    public static async Task<SimWorld> StartAsync(DateTimeOffset start)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-sim-").FullName;
        var time = new FakeTimeProvider(start);
        var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 0, Owners = 3, Time = time, MaxLogEntries = 0 });
        var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 0, Contacts = 0, MaxLogEntries = 0 }, time);
        var org = salesforce.Org.Options;
        string[] args =
        [
            "--Sandbox:Enabled=false",
            $"--Connections:hubspot:BaseUrl={hubSpot.Url.AbsoluteUri}",
            $"--Connections:hubspot:AccessToken={hubSpot.Options.AccessToken}",
            $"--Connections:hubspot:WebhookSecret={hubSpot.Options.WebhookSecret}",
            $"--Connections:salesforce:LoginUrl={salesforce.Url.AbsoluteUri}",
            $"--Connections:salesforce:ClientId={org.ClientId}",
            $"--Connections:salesforce:ClientSecret={org.ClientSecret}",
            $"--Connections:salesforce:OrganizationId={org.OrganizationId}",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
            $"--Policies:RepDailyTaskCap={RepDailyTaskCap}",

            // The shipped quiz email does without quiz answers; required here, a lead without them is held (see SimCrm).
            "--Cadences:0:Steps:0:RequiredFields:0=contact.quiz_primary_challenge",
            "--Logging:LogLevel:Default=Critical",
            "--Logging:LogLevel:Microsoft=Critical",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Critical",
            "--Urls=http://127.0.0.1:0",
        ];
        var world = new SimWorld(folder, args, time, hubSpot, salesforce);
        await world.StartWorkerAsync();
        return world;
    }

    public async Task StartWorkerAsync()
    {
        if (app is not null)
        {
            return;
        }

        var started = WorkerHost.BuildService(args, services =>
        {
            services.AddSingleton<TimeProvider>(Time);

            // No timers: the simulation runs each cycle itself (Quartz and the metrics refresh would run on the fake
            // clock whenever it is advanced, in parallel with the cycle).
            foreach (var timer in services.Where(d => d.ServiceType == typeof(IHostedService) && IsTimer(d)).ToList())
            {
                services.Remove(timer);
            }
        });
        await started.StartAsync();
        var address = started.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
        app = started;
    }

    public async Task StopWorkerAsync()
    {
        if (app is null)
        {
            return;
        }

        client!.Dispose();
        client = null;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    /// <summary>A worker cycle: the polls of the CRMs that changed, inbox, due steps, outbox (see <see cref="SimCycle"/>).</summary>
    public Task RunCycleAsync(WorldChanges changes = WorldChanges.All, bool stepsDue = true) => new SimCycle(Services).RunAsync(changes, stepsDue);

    public RuleSetProvider Rules => Services.GetRequiredService<RuleSetProvider>();

    /// <summary>HubSpot sends a signed webhook to the running worker; false when the worker is down (HubSpot retries later, and the poll reads the change anyway).</summary>
    public async Task<bool> SendHubSpotWebhookAsync(IReadOnlyList<SandboxWebhookEvent> events)
    {
        if (client is null)
        {
            return false;
        }

        using var response = await HubSpot.Webhooks.SendAsync(new Uri(client.BaseAddress!, "webhooks/hubspot"), events, CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The worker refused a HubSpot webhook: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return true;
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    /// <returns>The status code and body; the caller decides which refusals are expected.</returns>
    public async Task<(int Status, string Body)> PostAsync(string path, object? body)
    {
        using var response = await Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        HubSpot.Dispose();
        Salesforce.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing pool is left to the temp folder's cleanup.
        }
    }

    private HttpClient Client => client ?? throw new InvalidOperationException("The worker is stopped.");

    private static bool IsTimer(ServiceDescriptor descriptor)
    {
        var type = descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType();
        var name = type?.FullName ?? "";
        return name.StartsWith("Quartz.", StringComparison.Ordinal) || name.EndsWith("OperatorMetricsRefresh", StringComparison.Ordinal);
    }
}
