using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Storage.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Identity;

/// <summary>A converted Salesforce lead's enrollment continues on the Contact the conversion created, step and history kept.</summary>
public sealed class LeadConversionTests
{
    [Fact]
    public async Task A_converted_leads_enrollment_continues_on_the_new_contact_with_its_step_and_history()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var lead = world.AddSalesforceLead("Ada");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromDays(3));
        await world.RunCycleAsync();
        var before = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());
        var history = await world.QueryAsync(db => db.StepRuns.Where(r => r.EnrollmentId == before.Id).CountAsync());
        Assert.True(before.NextStepIndex > 0, "the enrollment has written a step before the conversion");

        var contact = Convert(world, lead);
        await ChangedAsync(world, lead.Id);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();

        var open = Assert.Single(await world.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.IsOpen).ToListAsync()));
        Assert.Equal(before.Id, open.Id);
        Assert.Equal(contact.Id, open.ContactCrmId);
        Assert.Equal(before.NextStepIndex, open.NextStepIndex);
        Assert.Equal(1, await world.QueryAsync(db => db.Enrollments.CountAsync()));
        Assert.True(history <= await world.QueryAsync(db => db.StepRuns.Where(r => r.EnrollmentId == open.Id).CountAsync()));
        Assert.Equal("Active", (string?)world.Salesforce.Org.Contacts.Single(c => c.Id == contact.Id).Fields["CCS_Cadence_Status__c"]);
    }

    /// <summary>As Salesforce's lead conversion does: a new Contact with the lead's person fields, the lead marked converted.</summary>
    private static SandboxRecord Convert(SandboxWorld world, SandboxRecord lead)
    {
        var now = world.Time.GetUtcNow();
        var contact = world.Salesforce.Org.Add(SalesforceOrgState.Contact, new Dictionary<string, object?>
        {
            ["FirstName"] = lead.Fields["FirstName"],
            ["LastName"] = lead.Fields["LastName"],
            ["Email"] = lead.Fields["Email"],
            ["Title"] = lead.Fields["Title"],
            ["OwnerId"] = lead.Fields["OwnerId"],
            ["LeadSource"] = lead.Fields["LeadSource"],
            ["HasOptedOutOfEmail"] = false,
            ["DoNotCall"] = false,
            ["Lead_Score__c"] = lead.Fields["Lead_Score__c"],
            ["MailingCountry"] = "US",
        }, now);
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?>
        {
            ["IsConverted"] = true,
            ["ConvertedContactId"] = contact.Id,
            ["Status"] = "Closed - Converted",
        });
        return contact;
    }

    /// <summary>The lead's Outbound Message, as the endpoint stores it (converted leads leave the changed-records poll).</summary>
    private static async Task ChangedAsync(SandboxWorld world, string leadId)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var now = world.Time.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<InboxWriter>().AppendAsync(
            [new InboxItem(new InboundEvent($"{now.UtcTicks}:converted:{leadId}", "salesforce", InboundEventKind.ContactChanged, leadId, now))],
            CancellationToken.None);
    }
}
