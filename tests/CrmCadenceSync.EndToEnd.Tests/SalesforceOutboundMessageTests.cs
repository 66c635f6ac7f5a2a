using System.Net;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Worker.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>Salesforce redelivers an Outbound Message until it is acknowledged, so the Ack must only follow a commit.</summary>
public sealed class SalesforceOutboundMessageTests
{
    private const string Ack = "<Ack>true</Ack>";

    [Fact]
    public async Task An_Outbound_Message_is_acknowledged_only_after_it_is_stored_and_a_redelivery_is_stored_once()
    {
        await using var worker = await RunningWorker.StartAsync();
        // Let the start-up polls and their processing finish, so the inbox is quiet when the table goes away.
        await worker.RunJobAsync(new JobKey("salesforce", PollConnectionJob.Group));
        await worker.RunJobAsync(new JobKey("hubspot", PollConnectionJob.Group));
        await worker.RunCycleAsync();
        var lead = worker.Salesforce.Org.Leads[0].Id;
        var message = worker.Salesforce.CreateOutboundMessage(lead);
        var notification = Assert.Single(message.NotificationIds);
        var inboxBefore = await worker.QueryAsync(db => db.InboxEvents.CountAsync());
        var outboxBefore = await worker.QueryAsync(db => db.Outbox.CountAsync());

        // The store is unavailable: the inbox table is gone from under the running worker.
        await using (var store = await OpenAsync(worker))
        {
            await ExecuteAsync(store, "ALTER TABLE InboxEvents RENAME TO InboxEvents_away;");
        }

        var refused = await SalesforceSandbox.DeliverAsync(worker.Webhook("salesforce"), message, CancellationToken.None);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.DoesNotContain(Ack, refused.Body, StringComparison.Ordinal);

        await using (var store = await OpenAsync(worker))
        {
            await ExecuteAsync(store, "ALTER TABLE InboxEvents_away RENAME TO InboxEvents;");
        }

        Assert.Equal(inboxBefore, await worker.QueryAsync(db => db.InboxEvents.CountAsync()));
        Assert.False(await worker.QueryAsync(db => db.InboxEvents.AnyAsync(e => e.DedupeKey == notification)));
        await worker.RunCycleAsync();
        Assert.Equal(outboxBefore, await worker.QueryAsync(db => db.Outbox.CountAsync()));

        // Salesforce delivers again with the store back: now stored, then acknowledged.
        var accepted = await SalesforceSandbox.DeliverAsync(worker.Webhook("salesforce"), message, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Contains(Ack, accepted.Body, StringComparison.Ordinal);
        var stored = await worker.QueryAsync(db => db.InboxEvents.AsNoTracking().SingleAsync(e => e.DedupeKey == notification));
        Assert.Equal("salesforce", stored.Connection);
        Assert.Equal(lead, stored.ContactCrmId);

        // A duplicate notification (Salesforce retries when it misses the Ack) is acknowledged and stored once.
        var duplicate = await SalesforceSandbox.DeliverAsync(worker.Webhook("salesforce"), message, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, duplicate.Status);
        Assert.Contains(Ack, duplicate.Body, StringComparison.Ordinal);
        Assert.Equal(1, await worker.QueryAsync(db => db.InboxEvents.CountAsync(e => e.DedupeKey == notification)));
        Assert.Equal(inboxBefore + 1, await worker.QueryAsync(db => db.InboxEvents.CountAsync()));

        await worker.WaitForAsync(
            () => worker.QueryAsync(db => db.InboxEvents.AsNoTracking().SingleAsync(e => e.DedupeKey == notification)),
            e => e.ProcessedAt is not null,
            "the stored notification to be processed");
    }

    private static async Task<SqliteConnection> OpenAsync(RunningWorker worker)
    {
        var connection = new SqliteConnection($"Data Source={worker.DatabasePath}");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
