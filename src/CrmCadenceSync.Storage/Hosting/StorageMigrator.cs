using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Storage.Hosting;

/// <summary>
/// Applies pending migrations before anything else starts. EF Core takes a database lock while migrating, so
/// several instances starting together against one PostgreSQL apply each migration once.
/// </summary>
internal sealed partial class StorageMigrator(IServiceScopeFactory scopes, ILogger<StorageMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the webhook endpoint commit while a job reads; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(db.Database.ProviderName ?? "unknown", pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready on {Provider}; {Count} migrations applied")]
    private partial void LogMigrated(string provider, int count);
}
