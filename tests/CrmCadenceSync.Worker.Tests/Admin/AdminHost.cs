using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary>
/// The real worker service (HTTP on a free loopback port, a SQLite file, the in-process sandbox CRMs) on a fake clock
/// and without its timers: contacts are stored by one full cycle first, and a test runs each further cycle itself, so
/// "the next cycle" is exactly one call.
/// </summary>
internal sealed class AdminHost : IAsyncDisposable
{
    /// <summary>Monday 23 November 2026, 10:00 in New York: the sandbox's shipped start.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private readonly string[] args;
    private bool ownsFolder = true;
    private bool stopped;

    private AdminHost(string folder, string[] args, FakeTimeProvider clock, WebApplication app)
    {
        Folder = folder;
        this.args = args;
        Clock = clock;
        App = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HubSpotSandbox HubSpot => App.Services.GetRequiredKeyedService<HubSpotSandbox>("hubspot");

    public static async Task<AdminHost> StartAsync(int contacts, params string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-admin-").FullName;
        string[] args =
        [
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
            "--Urls=http://127.0.0.1:0",
            $"--Sandbox:Contacts={contacts}",
            "--Sandbox:StartAt=2026-11-23T10:00:00-05:00",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var clock = new FakeTimeProvider(Start);
        using (var once = WorkerHost.BuildOnce(args, services => services.AddSingleton<TimeProvider>(clock), DemoSandboxes.Add))
        {
            await once.StartAsync();
            await once.Services.GetRequiredService<CycleRunner>().RunAsync(TextWriter.Null, CancellationToken.None);
            await once.StopAsync();
        }

        return await ServeAsync(folder, args, clock);
    }

    /// <summary>A new worker process on the same database (a restart), with extra settings if given.</summary>
    public async Task<AdminHost> RestartAsync(params string[] settings)
    {
        await StopAsync();
        ownsFolder = false;
        return await ServeAsync(Folder, [.. args, .. settings], Clock);
    }

    /// <summary>A second worker instance on the same database, running beside this one, as several instances do.</summary>
    public async Task<AdminHost> SecondInstanceAsync()
    {
        var second = await ServeAsync(Folder, args, Clock);
        second.ownsFolder = false;
        return second;
    }

    private static async Task<AdminHost> ServeAsync(string folder, string[] args, FakeTimeProvider clock)
    {
        var app = WorkerHost.BuildService(args, services =>
        {
            services.AddSingleton<TimeProvider>(clock);

            // No timers: the test runs each cycle itself.
            foreach (var timers in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "QuartzHostedService").ToList())
            {
                services.Remove(timers);
            }
        },
        DemoSandboxes.Add);
        await app.StartAsync();
        return new AdminHost(folder, args, clock, app);
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public Task RunCycleAsync() => App.Services.GetRequiredService<CycleRunner>().RunAsync(TextWriter.Null, CancellationToken.None);

    public async Task<T> QueryAsync<T>(Func<CadenceDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CadenceDbContext>());
    }

    /// <summary>Row counts of every table, to show that a request wrote nothing.</summary>
    public Task<string> RowCountsAsync() => QueryAsync(async db => string.Join(", ",
        $"contacts {await db.Contacts.CountAsync()}",
        $"enrollments {await db.Enrollments.CountAsync()}",
        $"step runs {await db.StepRuns.CountAsync()}",
        $"outbox {await db.Outbox.CountAsync()}",
        $"inbox {await db.InboxEvents.CountAsync()}",
        $"dead letters {await db.DeadLetters.CountAsync()}",
        $"rule sets {await db.RuleSetVersions.CountAsync()}",
        $"audit {await db.AdminAudit.CountAsync()}",
        $"connections {await db.Connections.CountAsync()}",
        $"triggers {await db.TriggerEvents.CountAsync()}"));

    private async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (ownsFolder && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
