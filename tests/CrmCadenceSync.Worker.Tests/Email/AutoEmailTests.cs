using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Worker.Tests.Email;

/// <summary>Automated email on the real worker, the sandbox CRMs and the sandbox SMTP relay, on a fake clock.</summary>
public sealed class AutoEmailTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-email-").FullName;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        // The nurture cadence's first automated email follows its welcome note at once, so this cycle sends it.
        host = WorkerHost.BuildOnce(
            [
                $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
                "--Sandbox:Contacts=80",
                "--Cadences:2:Steps:1:DelayAfterPrevious=00:00:00",
                "--Logging:LogLevel:Default=Warning",

                // About each message's fate: the whole queue may leave at once (MailboxPaceTests paces it).
                "--Smtp:MinSpacingPerMailbox=00:00:00",
                "--Smtp:HourlySendLimitPerMailbox=10000",
            ],
            services => services.AddSingleton<TimeProvider>(clock),
            DemoSandboxes.Add);
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// The relay keeps every delivery, as real mailboxes may: the message whose connection dropped before the relay's
    /// answer may have arrived, so it is not sent again but dead-lettered as delivery unknown (and not logged in the
    /// CRM as sent); every other message is delivered once and logged once.
    /// </summary>
    [Fact]
    public async Task An_email_whose_connection_dropped_is_not_sent_again_and_every_message_is_delivered_exactly_once()
    {
        var relay = host.Services.GetRequiredService<SandboxSmtpServer>();
        var cycle = host.Services.GetRequiredService<CycleRunner>();
        relay.DropAfterAccepting(1);

        await cycle.RunAsync(TextWriter.Null, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        await cycle.RunAsync(TextWriter.Null, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await cycle.RunAsync(TextWriter.Null, CancellationToken.None);
        var rows = await EmailRowsAsync();
        var unknown = await UnknownDeliveriesAsync();

        var dropped = Assert.Single(rows, row => row.State == OutboxState.DeadLettered);
        Assert.Equal([dropped.Key], unknown);
        var sent = rows.Where(row => row.State == OutboxState.Sent).ToList();
        Assert.Equal(rows.Count - 1, sent.Count);

        // Exactly one delivery per message, the dropped one included (it did arrive).
        Assert.Equal(rows.Count, relay.Deliveries);
        Assert.Equal(rows.Select(row => EmailSend.MessageIdFor(row.Key)).Order(), relay.Messages.Select(m => m.MessageId).Order());
        Assert.All(relay.Messages, m => Assert.Equal(m.Headers[MailRelay.KeyHeader] is { } key ? EmailSend.MessageIdFor(key) : null, m.MessageId));

        var logged = host.Services.GetRequiredKeyedService<HubSpotSandbox>("hubspot").Portal.Records("emails")
            .Select(r => r.Properties.GetValueOrDefault("ccs_sync_key"))
            .Concat(host.Services.GetRequiredKeyedService<SalesforceSandbox>("salesforce").Org.Tasks.Select(t => t["CCS_Sync_Key__c"] as string))
            .Where(k => k is not null && k.EndsWith(":logged", StringComparison.Ordinal))
            .Order()
            .ToList();
        Assert.Equal(sent.Select(row => row.Key + ":logged").Order(), logged);
    }

    private async Task<List<string>> UnknownDeliveriesAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        return await db.DeadLetters.AsNoTracking().Where(d => d.Code == EmailWrites.DeliveryUnknown).Select(d => d.IdempotencyKey).ToListAsync();
    }

    private async Task<List<(string Key, string State)>> EmailRowsAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        return [.. (await db.Outbox.AsNoTracking().Where(o => o.WriteType == WriteType.Email).ToListAsync()).Select(o => (o.IdempotencyKey, o.State))];
    }
}
