using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Tests;

/// <summary>Instances sharing one PostgreSQL take a connection's call slots one after another, never the same one twice.</summary>
public sealed class SharedRequestPaceTests
{
    [PostgresFact]
    public async Task Concurrent_reservations_from_several_instances_get_consecutive_slots_one_spacing_apart()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        var spacing = TimeSpan.FromMilliseconds(250);
        var booked = DateTimeOffset.UtcNow.AddHours(1);
        await using (var db = store.NewContext())
        {
            db.Connections.Add(new ConnectionEntity { Name = "hubspot", State = "Ok", NextRequestAt = booked });
            await db.SaveChangesAsync();
        }

        var waits = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = store.NewContext();
            return await new SharedRequestPace(db).ReserveAsync("hubspot", spacing, default);
        }));

        // Slots are handed out from the booked instant on, one spacing apart; the waits differ by the slots (and by
        // the few milliseconds between the reservations).
        var sorted = waits.Order().ToList();
        Assert.All(sorted.Zip(sorted.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, spacing - TimeSpan.FromMilliseconds(100), spacing + TimeSpan.FromMilliseconds(100)));
        Assert.InRange(sorted[0], TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        await using var check = store.NewContext();
        var next = (await check.Connections.SingleAsync()).NextRequestAt!.Value;
        Assert.Equal(booked.AddTicks(8 * spacing.Ticks).UtcTicks / 10, next.UtcTicks / 10);
        Assert.Equal(TimeSpan.Zero, await new SharedRequestPace(check).ReserveAsync("salesforce", spacing, default));
    }
}
