using System.Diagnostics;
using System.Globalization;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Metrics;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>
/// What one metrics computation costs at scale: the worker's store (a SQLite file or a fresh PostgreSQL database,
/// migrated by the worker itself) filled with <c>enrollments</c> spread over the shipped cadences as a 100,000-contact
/// deployment would hold them (written step runs per cadence, task writes in the outbox, replies and meetings), then
/// <see cref="MetricsQuery"/> (what <c>GET /api/metrics</c> and every operators' refresh run) timed over several runs,
/// with the bytes it allocates.
/// </summary>
internal static class MetricsBench
{
    /// <param name="postgres">A PostgreSQL server to run on (a fresh database is made on it), or null for the SQLite file.</param>
    public static async Task<MetricsBenchResult> RunAsync(int enrollments, int runs, string? postgres)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-metrics-bench-").FullName;
        var database = $"ccs_metrics_bench_{Environment.ProcessId}";
        string[] storage = postgres is null
            ? [$"--Storage:ConnectionString=Data Source={Path.Combine(folder, "worker.db")}"]
            : ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={postgres};Database={database}"];
        try
        {
            if (postgres is not null)
            {
                await AdminAsync(postgres, $"CREATE DATABASE {database}");
            }

            using var host = WorkerHost.BuildOnce([
                .. storage,
                "--Sandbox:Enabled=false",
                "--Connections:hubspot:Enabled=false",
                "--Connections:salesforce:Enabled=false",
                "--Logging:LogLevel:Default=Warning"]);
            await host.StartAsync();
            var rows = await SeedAsync(host.Services, enrollments);

            var times = new List<double>();
            var allocated = new List<long>();
            for (var i = 0; i < runs; i++)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var query = scope.ServiceProvider.GetRequiredService<MetricsQuery>();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var report = await query.ComputeAsync(CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
                allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
                if (report.Segments.Sum(s => s.Figures.Enrolled) != enrollments)
                {
                    throw new InvalidOperationException($"The report counts {report.Segments.Sum(s => s.Figures.Enrolled)} enrollments, not {enrollments}.");
                }
            }

            await host.StopAsync();
            return new MetricsBenchResult(enrollments, rows, times, allocated);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (postgres is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await AdminAsync(postgres, $"DROP DATABASE IF EXISTS {database}");
            }
        }
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <returns>Step runs written.</returns>
    private static async Task<int> SeedAsync(IServiceProvider services, int enrollments)
    {
        var cadences = services.GetRequiredService<RuleSetProvider>().Current.Rules;
        var segments = cadences.Segments.ToList();
        var start = new DateTimeOffset(2026, 9, 1, 14, 0, 0, TimeSpan.Zero);
        var random = new Random(42);
        var stepRuns = 0;
        const int Chunk = 5_000;
        for (var first = 0; first < enrollments; first += Chunk)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = first; n < Math.Min(enrollments, first + Chunk); n++)
            {
                var segment = segments[n % segments.Count];
                var cadence = cadences.Cadences[segment.CadenceId];
                var enrolledAt = start.AddMinutes(n % 80_000);
                var written = random.Next(1, cadence.Steps.Count + 1);
                var replied = random.NextDouble() < 0.06;
                var booked = random.NextDouble() < 0.02;
                var id = Guid.NewGuid();
                var contact = (100_000 + n).ToString(CultureInfo.InvariantCulture);
                var ended = replied || booked || written == cadence.Steps.Count;
                db.Enrollments.Add(new EnrollmentEntity
                {
                    Id = id, Connection = "hubspot", ContactCrmId = contact, Segment = segment.Name, CadenceId = cadence.Id,
                    State = replied || booked ? "Exited" : ended ? "Completed" : "Active", IsOpen = !ended, EnrolledAt = enrolledAt,
                    NextStepIndex = written, ExitReason = replied ? "Replied" : booked ? "MeetingBooked" : null,
                });
                for (var s = 0; s < written; s++)
                {
                    var step = cadence.Steps[s];
                    var key = $"{id:N}:{step.Id}";
                    var at = enrolledAt.AddDays(s * 2);
                    db.StepRuns.Add(new StepRunEntity
                    {
                        EnrollmentId = id, StepId = step.Id, StepNumber = step.Number, Outcome = "Written", IdempotencyKey = key,
                        Variant = s % 3 == 0 ? (n % 2 == 0 ? "A" : "B") : null, DueAt = at, RecordedAt = at,
                    });
                    stepRuns++;
                    var isTask = step.Channel != CrmCadenceSync.Core.Rules.StepChannel.Email;
                    db.Outbox.Add(new OutboxEntity
                    {
                        Connection = "hubspot", IdempotencyKey = key, WriteType = isTask ? "Task" : "Email", PayloadJson = "{}", EnrollmentId = id,
                        ContactCrmId = contact, State = "Sent", CreatedAt = at, AvailableAt = at, SentAt = at, CrmId = key,
                    });
                }

                if (replied || booked)
                {
                    db.EngagementOutcomes.Add(new EngagementOutcomeEntity
                    {
                        EnrollmentId = id, Connection = "hubspot", ContactCrmId = contact, Kind = replied ? "Replied" : "MeetingBooked",
                        OccurredAt = enrolledAt.AddDays(written * 2), RecordedAt = enrolledAt.AddDays(written * 2),
                    });
                }
            }

            await db.SaveChangesAsync();
        }

        return stepRuns;
    }
}

internal sealed record MetricsBenchResult(int Enrollments, int StepRuns, IReadOnlyList<double> Milliseconds, IReadOnlyList<long> AllocatedBytes);
