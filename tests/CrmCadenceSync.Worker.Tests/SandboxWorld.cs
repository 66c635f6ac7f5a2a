using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Worker.Tests;

/// <summary>
/// Both sandbox CRMs in the test process (empty but for what a test adds) on one <see cref="FakeTimeProvider"/>, and the
/// real worker (<c>--once</c> host) over a SQLite file, driven cycle by cycle. The clock starts on Monday 23 November
/// 2026, 10:00 in New York: business hours in every shipped cadence.
/// </summary>
internal sealed class SandboxWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-5));

    private static readonly JsonSerializerOptions WebhookJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly string folder;
    private readonly string[] args;
    private IHost host;

    private SandboxWorld(string folder, string[] args, IHost host, FakeTimeProvider time, HubSpotSandbox hubSpot, SalesforceSandbox salesforce)
    {
        this.folder = folder;
        this.args = args;
        this.host = host;
        Time = time;
        HubSpot = hubSpot;
        Salesforce = salesforce;
    }

    public FakeTimeProvider Time { get; }

    public HubSpotSandbox HubSpot { get; }

    public SalesforceSandbox Salesforce { get; }

    public IServiceProvider Services => host.Services;

    public static Task<SandboxWorld> StartAsync(params string[] settings) => StartAsync(_ => { }, settings);

    /// <summary>As <see cref="StartAsync(string[])"/>, over a HubSpot portal seeded as <paramref name="seedHubSpot"/> sets (by default it has no contacts).</summary>
    public static Task<SandboxWorld> StartAsync(Action<HubSpotSandboxOptions> seedHubSpot, params string[] settings) =>
        StartAsync(seedHubSpot, changeDataCapture: false, settings);

    /// <summary>As <see cref="StartAsync(string[])"/>, with the Salesforce org's Pub/Sub API running and the connection subscribed to it.</summary>
    public static Task<SandboxWorld> StartWithChangeDataCaptureAsync(params string[] settings) =>
        StartAsync(_ => { }, changeDataCapture: true, settings);

    private static async Task<SandboxWorld> StartAsync(Action<HubSpotSandboxOptions> seedHubSpot, bool changeDataCapture, string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-world-").FullName;
        var time = new FakeTimeProvider(MondayMorning);
        var hubSpotOptions = new HubSpotSandboxOptions { Contacts = 0, Time = time };
        seedHubSpot(hubSpotOptions);
        var hubSpot = HubSpotSandbox.Start(hubSpotOptions);
        var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 0, Contacts = 0 }, time);
        var org = salesforce.Org.Options;
        string[] changeFeed = changeDataCapture
            ?
            [
                "--Connections:salesforce:ChangeDataCapture:Enabled=true",
                $"--Connections:salesforce:ChangeDataCapture:PubSubEndpoint={(await salesforce.StartPubSubAsync()).Url.AbsoluteUri}",
            ]
            : [];
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
            "--Logging:LogLevel:Default=Warning",
            .. changeFeed,
            .. settings,
        ];
        var host = WorkerHost.BuildOnce(args, services => services.AddSingleton<TimeProvider>(time));
        await host.StartAsync();
        return new SandboxWorld(folder, args, host, time, hubSpot, salesforce);
    }

    /// <summary>A hot-scored HubSpot contact with everything the shipped templates need, changed now.</summary>
    public long AddHubSpotContact(decimal score, string name)
    {
        var id = HubSpot.Portal.AddContacts(1)[0];
        HubSpot.Portal.TouchContact(id, Time.GetUtcNow(), new Dictionary<string, string?>
        {
            ["firstname"] = name,
            ["lastname"] = "Tester",
            ["company"] = "Acme Corp",
            ["jobtitle"] = "VP Sales",
            ["hubspotscore"] = score.ToString(CultureInfo.InvariantCulture),
            ["hs_timezone"] = "america_slash_new_york",
            ["hubspot_owner_id"] = HubSpot.Portal.Owners[0].Id.ToString(CultureInfo.InvariantCulture),
            ["lifecyclestage"] = "lead",
            ["hs_email_optout"] = "false",
            ["quiz_primary_challenge"] = "pipeline visibility",
            ["quiz_team_size"] = "11-50",
            ["quiz_timeline"] = "this quarter",
        });
        return id;
    }

    /// <summary>A Salesforce lead scoring 85 with everything the shipped templates need, created now.</summary>
    public SandboxRecord AddSalesforceLead(string name) =>
        Salesforce.Org.Add(SalesforceOrgState.Lead, new Dictionary<string, object?>
        {
            ["FirstName"] = name,
            ["LastName"] = "Tester",
            ["Email"] = $"{name}.tester@acme.example".ToLowerInvariant(),
            ["Title"] = "VP Sales",
            ["OwnerId"] = Salesforce.Org.Users[0].Id,
            ["LeadSource"] = "Web",
            ["HasOptedOutOfEmail"] = false,
            ["DoNotCall"] = false,
            ["Lead_Score__c"] = 85m,
            ["Company"] = "Acme Corp",
            ["Country"] = "US",
            ["Status"] = "Open - Not Contacted",
            ["IsConverted"] = false,
            ["Quiz_Primary_Challenge__c"] = "pipeline visibility",
            ["Quiz_Team_Size__c"] = "11-50",
            ["Quiz_Timeline__c"] = "this quarter",
        }, Time.GetUtcNow());

    /// <summary>Changes a contact's property now, as a rep or an email tool in HubSpot would.</summary>
    public void ChangeHubSpotContact(long id, string property, string? value) =>
        HubSpot.Portal.TouchContact(id, Time.GetUtcNow(), new Dictionary<string, string?> { [property] = value });

    /// <summary>
    /// A HubSpot webhook call as <c>POST /webhooks/hubspot</c> takes it, without the HTTP hop: the body HubSpot sends,
    /// signed (v3), verified and parsed by the connector, and committed to the inbox.
    /// </summary>
    /// <returns>How many events were stored.</returns>
    public Task<int> DeliverHubSpotWebhookAsync(IReadOnlyList<SandboxWebhookEvent> events)
    {
        var uri = new Uri("http://127.0.0.1/webhooks/hubspot");
        var body = JsonSerializer.SerializeToUtf8Bytes(events, WebhookJson);
        var timestamp = Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-HubSpot-Signature-v3"] = HubSpotWebhookSender.SignV3(HubSpot.Options.WebhookSecret, "POST", uri.AbsoluteUri, body, timestamp),
            ["X-HubSpot-Request-Timestamp"] = timestamp,
        };
        return StoreWebhookAsync("hubspot", new WebhookRequest("POST", uri, headers, body, Time.GetUtcNow()));
    }

    /// <summary>A Salesforce Outbound Message as <c>POST /webhooks/salesforce</c> takes it, without the HTTP hop.</summary>
    public Task<int> DeliverOutboundMessageAsync(OutboundMessage message) =>
        StoreWebhookAsync("salesforce", new WebhookRequest(
            "POST", new Uri("http://127.0.0.1/webhooks/salesforce"), new Dictionary<string, string>(), Encoding.UTF8.GetBytes(message.Xml), Time.GetUtcNow()));

    /// <summary>Queues every step that has come due, as the cycle's due-steps hop does, without sending anything.</summary>
    public async Task RunDueStepsAsync()
    {
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<DueStepRunner>().RunBatchAsync(500, CancellationToken.None) == 0)
            {
                return;
            }
        }
    }

    /// <summary>Applies everything in the inbox, as the cycle's inbox hop does.</summary>
    public async Task ProcessInboxAsync()
    {
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<InboxProcessor>().ProcessBatchAsync(500, CancellationToken.None) == 0)
            {
                return;
            }
        }
    }

    private async Task<int> StoreWebhookAsync(string connection, WebhookRequest request)
    {
        var parsed = host.Services.GetRequiredService<ConnectionRegistry>().Get(connection).ParseWebhook(request);
        Assert.True(parsed.Accepted, parsed.RejectReason);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxWriter>().AppendAsync([.. parsed.Events.Select(e => new InboxItem(e))], CancellationToken.None);
    }

    /// <summary>Stops the worker and starts a new process's worth of it over the same store, sandboxes and clock.</summary>
    public async Task RestartAsync()
    {
        await host.StopAsync();
        host.Dispose();
        host = WorkerHost.BuildOnce(args, services => services.AddSingleton<TimeProvider>(Time));
        await host.StartAsync();
    }

    /// <summary>
    /// Runs <paramref name="work"/> while moving the clock on in 100 ms steps whenever it is not done, so retry delays
    /// and backoffs on the clock pass without wall-clock waiting.
    /// </summary>
    public async Task<T> AdvancingAsync<T>(Func<Task<T>> work)
    {
        var task = work();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(1));
            if (!task.IsCompleted)
            {
                Time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        return await task;
    }

    /// <summary>One full worker cycle: poll, inbox, due steps, outbox.</summary>
    public Task RunCycleAsync() => host.Services.GetRequiredService<CycleRunner>().RunAsync(TextWriter.Null, CancellationToken.None);

    public async Task<T> QueryAsync<T>(Func<CadenceDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CadenceDbContext>());
    }

    /// <summary>
    /// The worker service (HTTP port) over the same database, sandboxes and clock, for a test that reads an endpoint;
    /// its jobs find nothing new to do at the same clock reading. Stop it before disposing it: disposed while its
    /// start-up poll is still calling a sandbox, Polly waits for that call on the fake clock, which nobody moves.
    /// </summary>
    public async Task<WebApplication> StartServiceAsync(params string[] settings)
    {
        var app = WorkerHost.BuildService([.. args, "--Urls=http://127.0.0.1:0", .. settings], services => services.AddSingleton<TimeProvider>(Time));
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        HubSpot.Dispose();
        Salesforce.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
