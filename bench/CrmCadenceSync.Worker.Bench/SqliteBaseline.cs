using System.Diagnostics;
using CrmCadenceSync.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>
/// The floor under the ingest figure: the same 100-event batches committed straight into the worker's inbox table
/// (same schema, same unique index, WAL, SQLite's default synchronous setting), one transaction per batch, no HTTP.
/// </summary>
internal static class SqliteBaseline
{
    private const string Insert = """
        INSERT INTO "InboxEvents" ("Connection", "DedupeKey", "Kind", "ContactCrmId", "OccurredAt", "PropertyName", "PropertyValue",
            "MergedIntoCrmId", "ContactJson", "ReceivedAt", "ProcessedAt", "Attempts", "AvailableAt", "LastError")
        VALUES ($connection, $key, 'ContactChanged', $contact, $occurred, 'hubspotscore', '40', NULL, NULL, $now, NULL, 0, $now, NULL)
        """;

    /// <param name="synchronous">FULL is SQLite's default and what the worker runs with (each commit is fsynced);
    /// NORMAL in WAL mode survives a process crash but not a power cut.</param>
    public static async Task<SqliteBaselineResult> RunAsync(int writers, int batches, int eventsPerBatch, string synchronous)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-sqlite-bench-").FullName;
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder, "inbox.db")}";
            await using (var db = new SqliteCadenceDbContext(new DbContextOptionsBuilder<SqliteCadenceDbContext>().UseSqlite(connectionString).Options))
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = synchronous == "NORMAL" ? "PRAGMA synchronous=NORMAL;" : "PRAGMA synchronous=FULL;";
                    pragma.ExecuteNonQuery();
                }

                using var command = connection.CreateCommand();
                command.CommandText = Insert;
                var connectionName = command.Parameters.Add("$connection", SqliteType.Text);
                var key = command.Parameters.Add("$key", SqliteType.Text);
                var contact = command.Parameters.Add("$contact", SqliteType.Text);
                var occurred = command.Parameters.Add("$occurred", SqliteType.Integer);
                var now = command.Parameters.Add("$now", SqliteType.Integer);
                command.Prepare();
                int b;
                while ((b = Interlocked.Increment(ref next)) < batches)
                {
                    using var transaction = connection.BeginTransaction();
                    command.Transaction = transaction;
                    for (var e = 0; e < eventsPerBatch; e++)
                    {
                        var n = ((long)b * eventsPerBatch) + e;
                        connectionName.Value = "hubspot";
                        key.Value = $"hubspot:62515:{1_700_000_000_000 + n}:contact.propertyChange:{1001 + (n % 500)}:hubspotscore";
                        contact.Value = (1001 + (n % 500)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        occurred.Value = 638_000_000_000_000_000 + n;
                        now.Value = DateTimeOffset.UtcNow.UtcTicks;
                        command.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }
            })));
            var elapsed = clock.Elapsed;

            using var check = new SqliteConnection(connectionString);
            check.Open();
            using var count = check.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"InboxEvents\"";
            var stored = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return new SqliteBaselineResult(writers, (long)batches * eventsPerBatch, stored, elapsed);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

internal sealed record SqliteBaselineResult(int Writers, long Sent, long Stored, TimeSpan Elapsed)
{
    public double EventsPerSecond => Stored / Elapsed.TotalSeconds;
}
