using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmCadenceSync.Storage.Hosting;

/// <summary>
/// Applies pending migrations before anything else starts. On PostgreSQL several instances may start at once against
/// one database: whichever takes the advisory lock first migrates, the others wait for it and find nothing pending.
/// </summary>
internal sealed partial class StorageMigrator(IServiceScopeFactory scopes, ILogger<StorageMigrator> logger) : IHostedService
{
    /// <summary>The session-level advisory lock key every instance migrates under ("CCSMIGRT" in ASCII).</summary>
    public const long MigrationLockKey = 0x4343_534D_4947_5254;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        if (db.Database.IsNpgsql())
        {
            await MigrateUnderLockAsync(db, cancellationToken);
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);

        // WAL lets the webhook endpoint commit while a job reads; it persists in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        LogMigrated(db.Database.ProviderName ?? "unknown", pending);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The lock is held on a connection of its own, so it spans EF's migration transactions and ends with it.</summary>
    private async Task MigrateUnderLockAsync(CadenceDbContext db, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(db.Database.ProviderName ?? "unknown", pending);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready on {Provider}; {Count} migrations applied")]
    private partial void LogMigrated(string provider, int count);
}
