using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Tests.Outbox;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CrmCadenceSync.Worker.Tests.Email;

/// <summary>A morning's queue of automated emails leaves each mailbox spaced out and under its hourly cap, never in one burst.</summary>
public sealed class MailboxPaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int HourlyCap = 12;
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(30);
    private EmailWorld world = null!;

    public async Task InitializeAsync() => world = await EmailWorld.StartAsync(
        "--Sandbox:Contacts=440",
        "--Smtp:MinSpacingPerMailbox=00:00:30",
        $"--Smtp:HourlySendLimitPerMailbox={HourlyCap}");

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Queued_emails_leave_each_mailbox_at_least_the_spacing_apart_under_the_hourly_cap_and_none_twice_or_lost()
    {
        await world.QueueAsync();
        var queued = await EmailRowsAsync();
        var start = world.Clock.GetUtcNow();
        var busiest = queued.GroupBy(r => Mailbox(r), StringComparer.OrdinalIgnoreCase).Max(g => g.Count());
        output.WriteLine($"{queued.Count} emails queued at {start:u}, {busiest} from the busiest mailbox");
        Assert.True(busiest >= 40, $"the busiest mailbox has {busiest} emails queued; the test needs a real burst");

        // Two and a half hours of drains, every 5 seconds, as the drain job would run.
        for (var at = start; at < start.AddHours(2.5); at = world.Clock.GetUtcNow())
        {
            Assert.Null(await world.DrainAsync("hubspot"));
            Assert.Null(await world.DrainAsync("salesforce"));
            world.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var rows = await EmailRowsAsync();
        Assert.Equal(queued.Select(r => r.Id).Order(), rows.Select(r => r.Id).Order());
        var sent = rows.Where(r => r.State == OutboxState.Sent).ToList();
        Assert.All(rows, r => Assert.Contains(r.State, new[] { OutboxState.Sent, OutboxState.Pending }));
        foreach (var mailbox in sent.GroupBy(r => Mailbox(r), StringComparer.OrdinalIgnoreCase))
        {
            var times = mailbox.Select(r => r.SentAt!.Value).Order().ToList();
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Spacing, $"{mailbox.Key}: {pair.First:O} then {pair.Second:O}"));
            Assert.All(times, t => Assert.True(times.Count(u => u >= t && u < t.AddHours(1)) <= HourlyCap, $"{mailbox.Key}: more than {HourlyCap} in the hour from {t:O}"));
        }

        // The busiest mailbox's queue went out over the hours at the cap, and what is left still waits (nothing dropped).
        var busiestSent = sent.GroupBy(r => Mailbox(r), StringComparer.OrdinalIgnoreCase).Max(g => g.Count());
        Assert.Equal(HourlyCap * 3, busiestSent);
        Assert.Equal(queued.Count, rows.Count(r => r.State is OutboxState.Sent or OutboxState.Pending));

        // Each sent email reached the relay exactly once.
        Assert.Equal(sent.Count, world.Relay.Deliveries);
        Assert.Equal(sent.Select(r => EmailSend.MessageIdFor(r.IdempotencyKey)).Order(), world.Relay.Messages.Select(m => m.MessageId).Order());
    }

    private static string Mailbox(OutboxEntity row) => OutboxPayload.Email(row).FromAddress;

    private Task<List<OutboxEntity>> EmailRowsAsync() =>
        world.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.WriteType == WriteType.Email).ToListAsync());
}
