using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>
/// The worker running as a service in this process (<see cref="WorkerHost.BuildService"/>): its HTTP port, Quartz
/// schedule and in-process sandboxes, on a fresh SQLite file in a folder of its own.
/// </summary>
internal sealed class BenchWorker : IAsyncDisposable
{
    /// <summary>A Tuesday, 13:00 in New York: business hours are open in every US zone.</summary>
    public static readonly DateTimeOffset StartAt = new(2026, 11, 24, 13, 0, 0, TimeSpan.FromHours(-5));

    private readonly WebApplication app;

    private BenchWorker(WebApplication app, string folder, Uri url)
    {
        this.app = app;
        Folder = folder;
        Url = url;
    }

    public string Folder { get; }

    public Uri Url { get; }

    public string DatabasePath => Path.Combine(Folder, "worker.db");

    public Uri HubSpotWebhookUrl => new(Url, "webhooks/hubspot");

    public HubSpotSandbox HubSpot => app.Services.GetRequiredKeyedService<HubSpotSandbox>("hubspot");

    public TimeProvider Time => app.Services.GetRequiredService<TimeProvider>();

    public static async Task<BenchWorker> StartAsync(int contacts, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-worker-bench-").FullName;
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        string[] args =
        [
            $"--Urls={url.AbsoluteUri.TrimEnd('/')}",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "worker.db")}",
            "--Sandbox:Enabled=true",
            $"--Sandbox:Contacts={contacts.ToString(CultureInfo.InvariantCulture)}",
            $"--Sandbox:StartAt={StartAt.ToString("O", CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            .. extraArgs,
        ];
        var app = WorkerHost.BuildService(args, extend: DemoSandboxes.Add);
        await app.StartAsync();
        return new BenchWorker(app, folder, url);
    }

    /// <summary>Stops the Quartz schedule firing (timers and webhook nudges queue up but do not run), or starts it again.</summary>
    public async Task PauseScheduleAsync(bool paused)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        if (paused)
        {
            await scheduler.Standby();
        }
        else
        {
            await scheduler.Start();
        }
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context of the worker's own store.</summary>
    public async Task<T> QueryAsync<T>(Func<CadenceDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CadenceDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
