using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Outbox;

/// <summary>Queued emails and tasks are checked again right before they go out.</summary>
public sealed class WriteTimeCheckTests : IAsyncLifetime
{
    private EmailWorld world = null!;

    public async Task InitializeAsync() => world = await EmailWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task An_email_to_a_contact_who_opted_out_and_a_task_of_an_ended_enrollment_are_withdrawn_not_sent()
    {
        await world.QueueAsync();
        var queued = await world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Connection == "hubspot").ToListAsync());
        var email = queued.First(o => o.WriteType == WriteType.Email);
        var task = queued.First(o => o.WriteType == WriteType.Task && o.ContactCrmId != email.ContactCrmId);

        // Meanwhile (a webhook, an admin): the email's contact opted out, the task's enrollment ended.
        await world.QueryAsync(async db =>
        {
            (await db.Contacts.SingleAsync(c => c.Connection == "hubspot" && c.CrmId == email.ContactCrmId)).EmailOptOut = true;
            var enrollment = await db.Enrollments.SingleAsync(e => e.Id == task.EnrollmentId);
            enrollment.State = "Exited";
            enrollment.IsOpen = false;
            return await db.SaveChangesAsync();
        });
        await world.DrainAsync("hubspot");

        var after = await world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Id == email.Id || o.Id == task.Id).ToDictionaryAsync(o => o.Id));
        Assert.Equal(OutboxState.Withdrawn, after[email.Id].State);
        Assert.Contains("EmailOptOut", after[email.Id].LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxState.Withdrawn, after[task.Id].State);
        Assert.Contains("enrollment ended", after[task.Id].LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Relay.Messages, m => m.MessageId == EmailSend.MessageIdFor(email.IdempotencyKey));
        Assert.DoesNotContain(world.HubSpot.Portal.Records("tasks"), t => t.Properties.GetValueOrDefault("ccs_sync_key") == task.IdempotencyKey);
        Assert.Contains(queued, o => o.WriteType == WriteType.Email && o.ContactCrmId != email.ContactCrmId);
        Assert.All(
            await world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Connection == "hubspot" && o.WriteType == WriteType.Email && o.ContactCrmId != email.ContactCrmId).ToListAsync()),
            o => Assert.Equal(OutboxState.Sent, o.State));
    }

    [Fact]
    public async Task An_automated_email_found_outside_the_contacts_hours_waits_for_the_next_opening_then_goes_once()
    {
        await world.QueueAsync();
        var emails = await world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Connection == "hubspot" && o.WriteType == WriteType.Email).ToListAsync());
        Assert.NotEmpty(emails);

        // Queued at 10:00 in New York; the drain only runs at 22:00 there (an outage, a backlog).
        world.Clock.Advance(TimeSpan.FromHours(12));
        var lateAt = world.Clock.GetUtcNow();
        await world.DrainAsync("hubspot");

        var afterLate = await world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Connection == "hubspot" && o.WriteType == WriteType.Email).ToListAsync());
        var waiting = afterLate.Where(o => o.State == OutboxState.Pending).ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, o => Assert.True(o.AvailableAt > lateAt, $"{o.IdempotencyKey} waits until {o.AvailableAt:u}, not after {lateAt:u}."));
        Assert.All(waiting, o => Assert.DoesNotContain(world.Relay.Messages, m => m.MessageId == EmailSend.MessageIdFor(o.IdempotencyKey)));

        // Each waiting email goes at its contact's opening, exactly once.
        world.Clock.Advance(waiting.Max(o => o.AvailableAt) - world.Clock.GetUtcNow());
        await world.DrainAsync("hubspot");
        var final = await world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Connection == "hubspot" && o.WriteType == WriteType.Email).ToListAsync());
        Assert.All(final, o => Assert.Equal(OutboxState.Sent, o.State));
        Assert.All(final, o => Assert.Single(world.Relay.Messages, m => m.MessageId == EmailSend.MessageIdFor(o.IdempotencyKey)));
    }
}
