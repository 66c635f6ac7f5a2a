using System.Globalization;
using System.Text.Json;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Processing;

public sealed class FailedBatchTests
{
    /// <summary>
    /// A batch that throws (here: a stored contact that no longer reads back) must not hold its events for the whole
    /// lease, nor be retried in a tight loop: its events are given back at once, taken again at once (a lost race with
    /// another instance succeeds then), and from the second failure on wait 10 s, then 20 s, and so on, until a restart.
    /// </summary>
    [Fact]
    public async Task A_failed_inbox_batch_gives_its_events_back_at_once_and_a_failing_one_waits_a_growing_pause()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contact = world.AddHubSpotContact(40, "Damaged").ToString(CultureInfo.InvariantCulture);
        await world.RunCycleAsync();
        var stored = world.Time.GetUtcNow();
        await world.QueryAsync(async db =>
        {
            db.InboxEvents.Add(new InboxEventEntity
            {
                Connection = "hubspot", DedupeKey = "damaged", Kind = "ContactChanged", ContactCrmId = contact, OccurredAt = stored,
                ContactJson = "{ not json", ReceivedAt = stored, AvailableAt = stored,
            });
            return await db.SaveChangesAsync();
        });

        await Assert.ThrowsAnyAsync<JsonException>(ProcessAsync);
        var first = await DamagedAsync();
        await Assert.ThrowsAnyAsync<JsonException>(ProcessAsync);
        var second = await DamagedAsync();
        var nothingYet = await ProcessAsync();
        world.Time.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<JsonException>(ProcessAsync);
        var third = await DamagedAsync();
        await world.QueryAsync(async db =>
        {
            await WorkClaims.ReleaseAllAsync(db, CancellationToken.None);
            return 0;
        });
        var afterRestart = await DamagedAsync();

        Assert.Equal((null, null, 1, stored), (first.ClaimedBy, first.LeaseUntil, first.Attempts, first.AvailableAt));
        Assert.Contains("invalid", first.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((null, 2, stored.AddSeconds(10)), (second.ClaimedBy, second.Attempts, second.AvailableAt));
        Assert.Equal(0, nothingYet);
        Assert.Equal((null, 3, stored.AddSeconds(30)), (third.ClaimedBy, third.Attempts, third.AvailableAt));
        Assert.Null(third.ProcessedAt);
        Assert.Equal((3, stored), (afterRestart.Attempts, afterRestart.AvailableAt)); // a single instance starting up tries again at once

        async Task<int> ProcessAsync()
        {
            await using var scope = world.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<InboxProcessor>().ProcessBatchAsync(500, CancellationToken.None);
        }

        Task<InboxEventEntity> DamagedAsync() => world.QueryAsync(db => db.InboxEvents.AsNoTracking().SingleAsync(e => e.DedupeKey == "damaged"));
    }
}
