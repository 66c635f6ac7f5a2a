using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using System.Text.Json;
using CrmCadenceSync.Worker.Metrics;
using CrmCadenceSync.Worker.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmCadenceSync.Worker.Tests.Retention;

public sealed class RetentionTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-retention-").FullName;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        host = WorkerHost.BuildOnce([
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
            "--Sandbox:Enabled=false",
            "--Connections:hubspot:Enabled=false",
            "--Connections:salesforce:Enabled=false",
            "--Retention:Days=30",
            "--Logging:LogLevel:Default=Warning"]);
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Old_snapshots_of_ended_enrollments_and_old_inbox_events_go_and_the_metrics_stay()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
            Seed(db, "ended-long-ago", open: false, endedDaysAgo: 45);
            Seed(db, "ended-recently", open: false, endedDaysAgo: 10);
            Seed(db, "still-enrolled", open: true, endedDaysAgo: null);
            db.Contacts.Add(Contact("never-enrolled").ToEntity(now.AddDays(-400)));
            db.InboxEvents.AddRange(Inbox("old", processedDaysAgo: 45), Inbox("recent", processedDaysAgo: 5), Inbox("waiting", processedDaysAgo: null));
            await db.SaveChangesAsync();
        }

        var metricsBefore = await MetricsAsync();
        await using var run = host.Services.CreateAsyncScope();
        var runner = run.ServiceProvider.GetRequiredService<RetentionRunner>();
        var planned = await runner.PlanAsync(CancellationToken.None);
        var sweep = await runner.RunAsync(CancellationToken.None);

        var db2 = run.ServiceProvider.GetRequiredService<CadenceDbContext>();
        Assert.Equal(new RetentionSweep(1, 1, 0, 0, 0), sweep);
        Assert.Equal(sweep, planned);
        Assert.Equal(["ended-recently", "never-enrolled", "still-enrolled"], await db2.Contacts.Select(c => c.CrmId).OrderBy(id => id).ToListAsync());
        Assert.Equal(["recent", "waiting"], await db2.InboxEvents.Select(e => e.DedupeKey).OrderBy(k => k).ToListAsync());
        Assert.Equal(metricsBefore, await MetricsAsync());

        void Seed(CadenceDbContext db, string id, bool open, int? endedDaysAgo)
        {
            var enrollmentId = Guid.NewGuid();
            db.Contacts.Add(Contact(id).ToEntity(now.AddDays(-60)));
            if (!open)
            {
                db.EngagementOutcomes.Add(new EngagementOutcomeEntity
                {
                    EnrollmentId = enrollmentId,
                    Connection = "hubspot",
                    ContactCrmId = id,
                    Kind = "Replied",
                    OccurredAt = now.AddDays(-(endedDaysAgo ?? 0)),
                    RecordedAt = now,
                });
            }

            db.Enrollments.Add(new EnrollmentEntity
            {
                Id = enrollmentId,
                Connection = "hubspot",
                ContactCrmId = id,
                Segment = "Hot",
                CadenceId = "hot-9-touch-14-day",
                State = open ? "Active" : "Exited",
                IsOpen = open,
                ExitReason = open ? null : "Replied",
                EnrolledAt = now.AddDays(-60),
                EndedAt = endedDaysAgo is { } days ? now.AddDays(-days) : null,
            });
        }

        InboxEventEntity Inbox(string key, int? processedDaysAgo) => new()
        {
            Connection = "hubspot",
            DedupeKey = key,
            Kind = "ContactChanged",
            ContactCrmId = "ended-long-ago",
            ContactJson = "{\"Email\":\"someone@example.com\"}",
            ReceivedAt = now.AddDays(-(processedDaysAgo ?? 0)),
            AvailableAt = now,
            ProcessedAt = processedDaysAgo is { } days ? now.AddDays(-days) : null,
        };
    }

    private static Contact Contact(string id) =>
        new() { Connection = "hubspot", CrmId = id, Email = $"{id}@example.com", FirstName = "Ada" };

    /// <summary>The metrics as <c>GET /api/metrics</c> reports them, as JSON.</summary>
    private async Task<string> MetricsAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<MetricsQuery>().ComputeAsync(CancellationToken.None);
        var hot = report.Segments.Single(s => s.Segment == "Hot").Figures;
        Assert.Equal((3, 66.67, 2), (hot.Enrolled, hot.ReplyRate, hot.Exited["Replied"]));
        return JsonSerializer.Serialize(MetricsResponse.From(MetricsPeriod.All, report));
    }
}
