using CrmCadenceSync.Storage.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmCadenceSync.Storage.Hosting;

/// <summary>
/// Applies pending migrations before anything else starts. On PostgreSQL several instances may start at once against
/// one database: each takes a session-level advisory lock first, so whichever gets it migrates and the others find
/// nothing pending. The lock is held until every start-up service has run (it is the first one registered), so the
/// seeding that follows (rule set, connection rows, Quartz's schema) also happens one instance at a time. On SQLite
/// (a single instance) it also releases every claim a previous process left behind.
/// </summary>
internal sealed partial class StorageMigrator(IServiceScopeFactory scopes, ILogger<StorageMigrator> logger) : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>The advisory lock key every instance starts under ("CCSMIGRT" in ASCII).</summary>
    public const long StartupLockKey = 0x4343_534D_4947_5254;

    private NpgsqlConnection? startupLock;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        if (db.Database.IsNpgsql())
        {
            startupLock = new NpgsqlConnection(db.Database.GetConnectionString());
            await startupLock.OpenAsync(cancellationToken);
            await AdvisoryAsync("SELECT pg_advisory_lock(@key)", cancellationToken);
        }

        // An empty database has no history table yet: asking it for pending migrations would log a failed query.
        var pending = await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
            ? (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count()
            : db.Database.GetMigrations().Count();
        await db.Database.MigrateAsync(cancellationToken);
        await ContactEmailKeys.BackfillAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the webhook endpoint commit while a job reads; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

            // One instance uses a SQLite file: a claim found at start-up was left by a process that is gone, and its
            // work is taken back now rather than when the lease runs out; inbox events pausing after a failure are
            // tried again now.
            await WorkClaims.ReleaseAllAsync(db, cancellationToken);
        }

        LogMigrated(db.Database.ProviderName ?? "unknown", pending);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => ReleaseAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => ReleaseAsync();

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task ReleaseAsync()
    {
        if (startupLock is null)
        {
            return;
        }

        // Closing the session ends the lock even if the unlock itself fails.
        await using (startupLock)
        {
            await AdvisoryAsync("SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }

        startupLock = null;
    }

    private async Task AdvisoryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, startupLock);
        command.Parameters.AddWithValue("key", StartupLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready on {Provider}; {Count} migrations applied")]
    private partial void LogMigrated(string provider, int count);
}
