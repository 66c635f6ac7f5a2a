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

        var reserving = System.Diagnostics.Stopwatch.StartNew();
        var waits = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = store.NewContext();
            return await new SharedRequestPace(db).ReserveAsync("hubspot", spacing, default);
        }));
        reserving.Stop();

        // Slots are handed out from the booked instant on, one spacing apart. Each wait is its slot minus the database's
        // clock at its own reservation, so two consecutive waits differ by the spacing less the time between the two
        // reservations, which is at most the time all of them took (a loaded machine may take well over 100 ms).
        var sorted = waits.Order().ToList();
        var slack = reserving.Elapsed + TimeSpan.FromMilliseconds(5);
        Assert.All(sorted.Zip(sorted.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, spacing - slack, spacing + TimeSpan.FromMilliseconds(5)));
        Assert.InRange(sorted[0], TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        await using var check = store.NewContext();
        var next = (await check.Connections.SingleAsync()).NextRequestAt!.Value;
        Assert.Equal(booked.AddTicks(8 * spacing.Ticks).UtcTicks / 10, next.UtcTicks / 10);
        Assert.Equal(TimeSpan.Zero, await new SharedRequestPace(check).ReserveAsync("salesforce", spacing, default));
    }
}
