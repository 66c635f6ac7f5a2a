using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Outbox;

public sealed class WebhooksDuringOutageTests
{
    /// <summary>
    /// HubSpot answers 503 to everything for twelve minutes while webhooks keep announcing new hot contacts. Nothing is
    /// lost or dead-lettered meanwhile, and once HubSpot answers again the backlog (the contacts' enrollments and first
    /// touches) is written within 60 seconds, each record once, with the jobs running on their 15-second timers.
    /// </summary>
    [Fact]
    public async Task Webhooks_arriving_during_an_outage_are_enrolled_and_written_within_a_minute_of_recovery()
    {
        await using var world = await SandboxWorld.StartAsync();
        world.AddHubSpotContact(95, "Before");
        await world.RunCycleAsync();

        world.HubSpot.Faults.FailNext(1_000_000, 503);
        var announced = new List<string>();
        var thrown = new List<Exception>();
        for (var i = 0; i < 4; i++)
        {
            var id = world.AddHubSpotContact(95, $"During{i}").ToString(System.Globalization.CultureInfo.InvariantCulture);
            announced.Add(id);
            await InScopeAsync<InboxWriter>(w => w.AppendAsync(
                [new InboxItem(new InboundEvent($"hook:{id}", "hubspot", InboundEventKind.ContactChanged, id, world.Time.GetUtcNow()))], CancellationToken.None));
            await RunJobsAsync(thrown);
            world.Time.Advance(TimeSpan.FromMinutes(3));
        }

        var duringOutage = await world.QueryAsync(db => db.Enrollments.CountAsync(e => announced.Contains(e.ContactCrmId)));
        world.HubSpot.Faults.FailNext(0);
        var recovered = world.Time.GetUtcNow();
        while (world.Time.GetUtcNow() - recovered < TimeSpan.FromMinutes(3) && !await BacklogWrittenAsync())
        {
            world.Time.Advance(TimeSpan.FromSeconds(15));
            await RunJobsAsync(thrown);
        }

        var elapsed = world.Time.GetUtcNow() - recovered;
        Console.WriteLine($"webhooks during outage: backlog written {elapsed.TotalSeconds:0.#} s after recovery; {thrown.Count} job failures");
        Assert.Equal(0, duringOutage);
        Assert.True(await BacklogWrittenAsync(), "The backlog was not written within three minutes of recovery.");
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Empty(thrown);
        Assert.Empty(await world.QueryAsync(db => db.DeadLetters.ToListAsync()));
        var keys = world.HubSpot.Portal.Records("tasks").Concat(world.HubSpot.Portal.Records("notes"))
            .Select(r => r.Properties.GetValueOrDefault("ccs_sync_key")).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());

        async Task<bool> BacklogWrittenAsync() => await world.QueryAsync(async db =>
            await db.InboxEvents.AllAsync(e => e.ProcessedAt != null)
            && await db.Enrollments.CountAsync(e => announced.Contains(e.ContactCrmId)) == announced.Count
            && !await db.Outbox.AnyAsync(o => o.Connection == "hubspot" && o.State == OutboxState.Pending));

        Task<int> InScopeAsync<T>(Func<T, Task<int>> work)
            where T : notnull => world.AdvancingAsync(async () =>
            {
                await using var scope = world.Services.CreateAsyncScope();
                return await work(scope.ServiceProvider.GetRequiredService<T>());
            });

        // What the inbox, due-step and drain jobs do on their timers; a job's failure is recorded, not thrown.
        async Task RunJobsAsync(List<Exception> failures)
        {
            try
            {
                while (await InScopeAsync<InboxProcessor>(p => p.ProcessBatchAsync(500, CancellationToken.None)) > 0)
                {
                }

                while (await InScopeAsync<DueStepRunner>(r => r.RunBatchAsync(500, CancellationToken.None)) > 0)
                {
                }

                while (await InScopeAsync<OutboxSender>(s => s.SendBatchAsync("hubspot", 500, CancellationToken.None)) > 0)
                {
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add(e);
            }
        }
    }
}
