using System.Globalization;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.EntityFrameworkCore;
using WireMock.Logging;

namespace CrmCadenceSync.Worker.Tests.Processing;

/// <summary>
/// The CRMs announce the worker's own status writes back to it: HubSpot with a <c>contact.propertyChange</c> webhook per
/// <c>ccs_</c> property written, Salesforce with an Outbound Message for every save (the integration user's own status
/// saves included). Those announcements are stored, but the contact is neither read again nor decided again; a change a
/// person made still is.
/// </summary>
public sealed class WebhookEchoTests
{
    private const int Contacts = 20;

    [Fact]
    public async Task HubSpot_webhooks_for_our_own_ccs_property_writes_read_nothing_and_change_nothing_but_a_real_change_is_processed()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var ids = Enumerable.Range(0, Contacts).Select(i => world.AddHubSpotContact(85, $"Echo{i}")).ToList();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        var echoes = OwnPropertyChanges(world, ids);
        Assert.True(echoes.Count >= Contacts * 3, $"{echoes.Count} ccs_ property changes to announce");

        world.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(echoes.Count, await world.DeliverHubSpotWebhookAsync(echoes));
        var outboxBefore = await world.QueryAsync(db => db.Outbox.CountAsync());
        world.HubSpot.Server.ResetLogEntries();
        await world.ProcessInboxAsync();

        Assert.DoesNotContain(world.HubSpot.Server.LogEntries, IsHubSpotContactRead);
        Assert.Equal(0, await world.QueryAsync(db => db.InboxEvents.CountAsync(e => e.ProcessedAt == null)));
        Assert.Equal(outboxBefore, await world.QueryAsync(db => db.Outbox.CountAsync()));

        // A score a person lowered, announced the same way, is read (once) and applied.
        world.Time.Advance(TimeSpan.FromSeconds(30));
        world.ChangeHubSpotContact(ids[3], "hubspotscore", "20");
        await world.DeliverHubSpotWebhookAsync([world.HubSpot.Webhooks.Event("contact.propertyChange", ids[3], "hubspotscore", "20")]);
        await world.ProcessInboxAsync();
        Assert.Single(world.HubSpot.Server.LogEntries, IsHubSpotContactRead);
        var id = ids[3].ToString(CultureInfo.InvariantCulture);
        Assert.Equal(20m, await world.QueryAsync(db => db.Contacts.Where(c => c.CrmId == id).Select(c => c.LeadScore).SingleAsync()));
    }

    [Fact]
    public async Task Salesforce_outbound_messages_for_our_own_status_saves_read_nothing_and_change_nothing_but_a_rep_save_is_processed()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var leads = Enumerable.Range(0, Contacts).Select(i => world.AddSalesforceLead($"Echo{i}").Id).ToList();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        Assert.All(leads, id => Assert.Equal(world.Salesforce.Org.IntegrationUserId, world.Salesforce.Org.Find(id)!["LastModifiedById"]));

        world.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Contacts, await world.DeliverOutboundMessageAsync(world.Salesforce.CreateOutboundMessage([.. leads])));
        var outboxBefore = await world.QueryAsync(db => db.Outbox.CountAsync());
        world.Salesforce.Server.ResetLogEntries();
        await world.ProcessInboxAsync();

        Assert.DoesNotContain(world.Salesforce.Server.LogEntries, IsSalesforceRead);
        Assert.Equal(0, await world.QueryAsync(db => db.InboxEvents.CountAsync(e => e.ProcessedAt == null)));
        Assert.Equal(outboxBefore, await world.QueryAsync(db => db.Outbox.CountAsync()));

        // A rep's save is read and applied.
        world.Time.Advance(TimeSpan.FromSeconds(30));
        world.Salesforce.Org.Modify(leads[3], new Dictionary<string, object?> { ["Lead_Score__c"] = 20m });
        await world.DeliverOutboundMessageAsync(world.Salesforce.CreateOutboundMessage(leads[3]));
        await world.ProcessInboxAsync();
        Assert.Contains(world.Salesforce.Server.LogEntries, IsSalesforceRead);
        Assert.Equal(20m, await world.QueryAsync(db => db.Contacts.Where(c => c.CrmId == leads[3]).Select(c => c.LeadScore).SingleAsync()));
    }

    /// <summary>What HubSpot sends after our status writes: one propertyChange per <c>ccs_</c> property each contact now has.</summary>
    internal static List<SandboxWebhookEvent> OwnPropertyChanges(SandboxWorld world, IEnumerable<long> ids) =>
        [.. ids.SelectMany(id => world.HubSpot.Portal.Records("contacts").Single(c => c.Id == id).Properties
            .Where(p => p.Key.StartsWith("ccs_", StringComparison.Ordinal) && p.Value is not null)
            .Select(p => world.HubSpot.Webhooks.Event("contact.propertyChange", id, p.Key, p.Value)))];

    /// <summary>A request that reads contacts: HubSpot's search and batch read.</summary>
    internal static bool IsHubSpotContactRead(ILogEntry entry) =>
        entry.RequestMessage?.Path is { } path && path.Contains("/contacts/", StringComparison.Ordinal)
        && (path.EndsWith("/search", StringComparison.Ordinal) || path.EndsWith("/batch/read", StringComparison.Ordinal));

    /// <summary>Any Salesforce read: SOQL queries and their next pages, getDeleted, describe, limits.</summary>
    internal static bool IsSalesforceRead(ILogEntry entry) =>
        entry.RequestMessage is { Method: "GET", Path: { } path } && path.StartsWith("/services/data/", StringComparison.Ordinal);
}
