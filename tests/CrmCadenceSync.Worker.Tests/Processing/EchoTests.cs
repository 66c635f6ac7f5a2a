using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Processing;

/// <summary>
/// The worker's own status writes change the contact's modification stamp in the CRM, so the next poll reads the
/// contact again; a version that differs from the snapshot only in that stamp and in our own <c>ccs_</c> fields is not
/// processed again.
/// </summary>
public sealed class EchoTests
{
    private const int Contacts = 20;

    [Fact]
    public async Task Contacts_read_back_after_our_own_status_writes_are_not_processed_again_but_a_real_change_is()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var ids = Enumerable.Range(0, Contacts).Select(i => world.AddHubSpotContact(85, $"Echo{i}")).ToList();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        Assert.Equal(Contacts, world.HubSpot.Portal.Records("contacts").Count(c => c["ccs_cadence_status"] == "Active"));

        // The next poll reads the twenty contacts again (our writes moved their lastmodifieddate) and queues nothing.
        world.Time.Advance(TimeSpan.FromMinutes(5));
        var before = await InboxCountAsync(world);
        var read = await PollAsync(world);
        Assert.Equal(Contacts, read);
        Assert.Equal(before, await InboxCountAsync(world));

        // A change a person made is processed as before.
        world.Time.Advance(TimeSpan.FromMinutes(5));
        world.ChangeHubSpotContact(ids[3], "hubspotscore", "20");
        Assert.Equal(1, await PollAsync(world));
        Assert.Equal(before + 1, await InboxCountAsync(world));
    }

    [Fact]
    public async Task Salesforce_leads_read_back_after_our_own_status_writes_are_not_processed_again_but_a_real_change_is()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var leads = Enumerable.Range(0, Contacts).Select(i => world.AddSalesforceLead($"Echo{i}")).ToList();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        Assert.Equal(Contacts, world.Salesforce.Org.Leads.Count(l => (string?)l.Fields["CCS_Cadence_Status__c"] == "Active"));

        world.Time.Advance(TimeSpan.FromMinutes(5));
        var before = await InboxCountAsync(world);
        Assert.Equal(Contacts, await PollAsync(world, "salesforce"));
        Assert.Equal(before, await InboxCountAsync(world));

        world.Time.Advance(TimeSpan.FromMinutes(5));
        world.Salesforce.Org.Modify(leads[3].Id, new Dictionary<string, object?> { ["Lead_Score__c"] = 20m });

        // The Salesforce reader reads back a window of recent changes again (SystemModstamp is not commit order); only the
        // lead a person changed is queued.
        await PollAsync(world, "salesforce");
        Assert.Equal(before + 1, await InboxCountAsync(world));
        Assert.Equal(leads[3].Id, await world.QueryAsync(db => db.InboxEvents.OrderByDescending(e => e.Id).Select(e => e.ContactCrmId).FirstAsync()));
    }

    private static async Task<int> PollAsync(SandboxWorld world, string connection = "hubspot")
    {
        await using var scope = world.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContactPoller>().PollAsync(connection, null, CancellationToken.None);
    }

    private static Task<int> InboxCountAsync(SandboxWorld world) => world.QueryAsync(db => db.InboxEvents.CountAsync());
}
