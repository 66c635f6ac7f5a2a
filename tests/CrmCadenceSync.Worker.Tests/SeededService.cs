using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmCadenceSync.Worker.Tests;

/// <summary>
/// The real worker service on a free loopback port, a SQLite file in a temporary folder and the in-process sandbox
/// CRMs, with contacts already stored by one full cycle (so a test never races the service's own first poll).
/// </summary>
internal sealed class SeededService : IAsyncDisposable
{
    private readonly string folder;

    private SeededService(string folder, WebApplication app, Uri address)
    {
        this.folder = folder;
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static async Task<SeededService> StartAsync(int contacts, params string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-service-").FullName;
        string[] args =
        [
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
            "--Urls=http://127.0.0.1:0",
            $"--Sandbox:Contacts={contacts}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        using (var once = WorkerHost.BuildOnce(args, extend: DemoSandboxes.Add))
        {
            await once.StartAsync();
            await once.Services.GetRequiredService<CycleRunner>().RunAsync(TextWriter.Null, CancellationToken.None);
            await once.StopAsync();
        }

        var app = WorkerHost.BuildService(args, extend: DemoSandboxes.Add);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SeededService(folder, app, address);
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
