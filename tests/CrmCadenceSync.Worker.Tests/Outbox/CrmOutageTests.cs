using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Outbox;

/// <summary>HubSpot answering 503 to everything for minutes, then coming back.</summary>
public sealed class CrmOutageTests : IAsyncLifetime
{
    private static readonly string[] ActivityTypes = ["tasks", "emails", "notes"];

    private EmailWorld world = null!;

    public async Task InitializeAsync() => world = await EmailWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task An_outage_sends_no_email_twice_shows_on_the_connection_and_its_backlog_goes_out_within_a_minute_of_recovery()
    {
        await world.QueueAsync();
        var queued = await RowsAsync();
        Assert.Contains(queued, r => r.WriteType == WriteType.Email);

        // Several minutes of outage, with a drain every three minutes (longer than a claim's lease).
        world.HubSpot.Faults.FailNext(1_000_000, 503);
        var thrown = new List<Exception>();
        for (var i = 0; i < 4; i++)
        {
            if (await world.DrainAsync("hubspot") is { } e)
            {
                thrown.Add(e);
            }

            world.Clock.Advance(TimeSpan.FromMinutes(3));
        }

        var during = await RowsAsync();
        var connection = await world.QueryAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Name == "hubspot"));

        // Recovery: the drain job runs every 15 seconds.
        world.HubSpot.Faults.FailNext(0);
        var recovered = world.Clock.GetUtcNow();
        while (world.Clock.GetUtcNow() - recovered < TimeSpan.FromMinutes(3)
            && (await RowsAsync()).Any(r => r.Connection == "hubspot" && r.State == OutboxState.Pending))
        {
            world.Clock.Advance(TimeSpan.FromSeconds(15));
            await world.DrainAsync("hubspot");
        }

        var backlogWritten = world.Clock.GetUtcNow() - recovered;
        Console.WriteLine($"outage: backlog written {backlogWritten.TotalSeconds:0.#} s after recovery; {world.Relay.Deliveries} deliveries of {world.Relay.Messages.Select(m => m.MessageId).Distinct().Count()} messages");
        var after = await RowsAsync();
        var healed = await world.QueryAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Name == "hubspot"));

        Assert.Empty(thrown);
        Assert.All(world.Relay.Messages.GroupBy(m => m.MessageId), g => Assert.Single(g));
        Assert.All(during.Where(r => r.Connection == "hubspot" && r.WriteType == WriteType.Email), r => Assert.Equal(OutboxState.Sent, r.State));
        Assert.Contains(during, r => r.Connection == "hubspot" && r.State == OutboxState.Pending);
        Assert.DoesNotContain(during, r => r.State == OutboxState.DeadLettered);
        Assert.Equal("Unavailable", connection.State);
        Assert.NotNull(connection.StateSince);
        Assert.Contains("503", connection.LastError ?? "", StringComparison.Ordinal);

        Assert.InRange(backlogWritten, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(after, r => r.Connection == "hubspot" && r.State is OutboxState.Pending or OutboxState.DeadLettered);
        Assert.Equal(("Ok", null), (healed.State, healed.StateSince));
        var keys = ActivityTypes
            .SelectMany(t => world.HubSpot.Portal.Records(t))
            .Select(r => r.Properties.GetValueOrDefault("ccs_sync_key"))
            .Where(k => k is not null)
            .ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    private Task<List<OutboxEntity>> RowsAsync() => world.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync());
}
