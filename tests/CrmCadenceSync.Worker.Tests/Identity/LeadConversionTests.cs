using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
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

    [Fact]
    public async Task A_new_contact_polled_before_its_converted_lead_is_seen_continues_the_leads_enrollment()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var lead = world.AddSalesforceLead("Ada");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromDays(3));
        await world.RunCycleAsync();
        var before = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());

        // No Outbound Message: the poll is the only way the worker hears of the conversion.
        var contact = Convert(world, lead);
        world.Time.Advance(TimeSpan.FromMinutes(5));
        await world.RunCycleAsync();

        var open = Assert.Single(await world.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.IsOpen).ToListAsync()));
        Assert.Equal(before.Id, open.Id);
        Assert.Equal(contact.Id, open.ContactCrmId);
        Assert.Equal(1, await world.QueryAsync(db => db.Enrollments.CountAsync()));

        // Polled again (the contact changes), the converted lead is not processed again.
        world.Time.Advance(TimeSpan.FromMinutes(5));
        var inbox = await world.QueryAsync(db => db.InboxEvents.CountAsync(e => e.ContactCrmId == lead.Id));
        world.Salesforce.Org.Modify(contact.Id, new Dictionary<string, object?> { ["Title"] = "CFO" });
        await world.RunCycleAsync();
        Assert.Equal(inbox, await world.QueryAsync(db => db.InboxEvents.CountAsync(e => e.ContactCrmId == lead.Id)));
    }

    [Fact]
    public async Task With_ContinueOnConversion_false_a_converted_leads_enrollment_exits_as_LeadConverted_and_the_lead_shows_it()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false", "--Cadences:0:ContinueOnConversion=false");
        var lead = world.AddSalesforceLead("Ada");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromDays(3));
        await world.RunCycleAsync();
        var before = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());
        Assert.Equal("hot-9-touch-14-day", before.CadenceId);

        Convert(world, lead);
        await ChangedAsync(world, lead.Id);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();

        var ended = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == before.Id));
        Assert.False(ended.IsOpen);
        Assert.Equal(lead.Id, ended.ContactCrmId);
        Assert.Equal(nameof(ExitReason.LeadConverted), ended.ExitReason);
        Assert.StartsWith("Exited", (string?)world.Salesforce.Org.Find(lead.Id)!.Fields["CCS_Cadence_Status__c"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_still_queued_for_the_lead_when_it_is_converted_go_to_the_new_contact()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var lead = world.AddSalesforceLead("Ada");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        await QueueNextStepAsync(world);
        var queued = await world.QueryAsync(db => db.Outbox.CountAsync(o => o.ContactCrmId == lead.Id && o.State == "Pending" && o.WriteType == "Task"));
        Assert.True(queued > 0, "a task is queued for the lead when it is converted");
        var leadTasks = world.Salesforce.Org.Tasks.Count(t => (string?)t.Fields["WhoId"] == lead.Id);

        var contact = Convert(world, lead);
        await ChangedAsync(world, lead.Id);
        await world.ProcessInboxAsync();
        await world.RunCycleAsync();

        Assert.Equal(leadTasks, world.Salesforce.Org.Tasks.Count(t => (string?)t.Fields["WhoId"] == lead.Id));
        Assert.True(world.Salesforce.Org.Tasks.Count(t => (string?)t.Fields["WhoId"] == contact.Id) >= queued);
        Assert.Equal(0, await world.QueryAsync(db => db.Outbox.CountAsync(o => o.ContactCrmId == lead.Id && o.State == "Pending")));
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
    /// <summary>The clock moves to the next step's due time, and the step is queued but not sent.</summary>
    private static async Task QueueNextStepAsync(SandboxWorld world)
    {
        var due = await world.QueryAsync(db => db.Enrollments.Where(e => e.IsOpen).Select(e => e.NextDueAt).SingleAsync());
        world.Time.Advance(due!.Value - world.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
        await world.RunDueStepsAsync();
    }

    private static async Task ChangedAsync(SandboxWorld world, string leadId)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var now = world.Time.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<InboxWriter>().AppendAsync(
            [new InboxItem(new InboundEvent($"{now.UtcTicks}:converted:{leadId}", "salesforce", InboundEventKind.ContactChanged, leadId, now))],
            CancellationToken.None);
    }
}
