using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Outbox;

/// <summary>An email whose send was started but never confirmed (the worker was killed between the two commits).</summary>
public sealed class UnconfirmedEmailTests : IAsyncLifetime
{
    private EmailWorld world = null!;

    public async Task InitializeAsync() => world = await EmailWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task An_email_attempted_before_a_crash_is_not_sent_again_but_surfaced_as_delivery_unknown()
    {
        await world.QueueAsync();
        var email = await world.QueryAsync(db => db.Outbox.AsNoTracking().FirstAsync(o => o.Connection == "hubspot" && o.WriteType == WriteType.Email));
        var attemptedAt = world.Clock.GetUtcNow().AddMinutes(-3);
        await world.QueryAsync(db => db.Outbox.Where(o => o.Id == email.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.AttemptedAt, attemptedAt)));

        await world.DrainAsync("hubspot");

        var row = await world.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == email.Id));
        var letter = await world.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.IdempotencyKey == email.IdempotencyKey));
        Assert.Equal(OutboxState.DeadLettered, row.State);
        Assert.Equal(EmailWrites.DeliveryUnknown, letter.Code);
        Assert.DoesNotContain(world.Relay.Messages, m => m.MessageId == EmailSend.MessageIdFor(email.IdempotencyKey));
        Assert.NotEmpty(world.Relay.Messages);
    }
}
