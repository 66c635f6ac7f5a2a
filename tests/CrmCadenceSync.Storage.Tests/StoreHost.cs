using CrmCadenceSync.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Storage.Tests;

/// <summary>
/// The store as the worker starts it (same extension, same migrator) in a temporary content root: a real SQLite
/// file by default, or the database the settings name.
/// </summary>
public sealed class StoreHost : IAsyncDisposable
{
    private readonly IHost host;

    private StoreHost(IHost host, string folder)
    {
        this.host = host;
        Folder = folder;
    }

    public string Folder { get; }

    public FakeTimeProvider Time => (FakeTimeProvider)host.Services.GetRequiredService<TimeProvider>();

    public static async Task<StoreHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-storage-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero)));
        builder.AddCadenceStorage();
        var host = builder.Build();
        await host.StartAsync();
        return new StoreHost(host, folder);
    }

    public CadenceDbContext NewContext() => host.Services.CreateScope().ServiceProvider.GetRequiredService<CadenceDbContext>();

    public T Service<T>()
        where T : notnull => host.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
