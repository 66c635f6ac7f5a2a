using System.Globalization;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Outbox;

public sealed class BadRowTests
{
    /// <summary>
    /// A row that cannot be sent (here a payload that no longer reads back) fails alone: the batch is narrowed down to
    /// it, the rows beside it are written, and it is dead-lettered with its reason after Resilience:MaxWriteAttempts.
    /// </summary>
    [Fact]
    public async Task One_bad_row_never_fails_the_rows_beside_it_and_is_dead_lettered_after_the_configured_attempts()
    {
        await using var world = await SandboxWorld.StartAsync("--Resilience:MaxWriteAttempts=2");
        var contact = world.AddHubSpotContact(95, "Neighbour").ToString(CultureInfo.InvariantCulture);
        var now = world.Time.GetUtcNow();
        await world.QueryAsync(async db =>
        {
            db.Outbox.Add(new OutboxEntity
            {
                Connection = "hubspot", IdempotencyKey = "damaged", WriteType = WriteType.Task, PayloadJson = "{ not json",
                ContactCrmId = contact, State = OutboxState.Pending, CreatedAt = now, AvailableAt = now,
            });
            return await db.SaveChangesAsync();
        });

        await world.RunCycleAsync();
        var first = await RowsAsync();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        var second = await RowsAsync();
        var letter = await world.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.IdempotencyKey == "damaged"));

        var damaged = first.Single(r => r.IdempotencyKey == "damaged");
        Assert.Equal((OutboxState.Pending, 1), (damaged.State, damaged.Attempts));
        var neighbours = first.Where(r => r.IdempotencyKey != "damaged" && r.Connection == "hubspot").ToList();
        Assert.NotEmpty(neighbours);
        Assert.All(neighbours, r => Assert.Contains(r.State, new[] { OutboxState.Sent, OutboxState.Superseded }));
        Assert.All(neighbours.Where(r => r.State == OutboxState.Sent && r.WriteType != WriteType.ContactStatus), r => Assert.NotNull(r.CrmId));
        Assert.Equal((OutboxState.DeadLettered, 2), (second.Single(r => r.IdempotencyKey == "damaged").State, second.Single(r => r.IdempotencyKey == "damaged").Attempts));
        Assert.Equal(nameof(System.Text.Json.JsonException), letter.Code);

        Task<List<OutboxEntity>> RowsAsync() => world.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync());
    }
}
