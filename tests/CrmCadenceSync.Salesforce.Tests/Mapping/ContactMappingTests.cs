using AutoMapper;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Mapping;
using CrmCadenceSync.Salesforce.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmCadenceSync.Salesforce.Tests.Mapping;

public sealed class ContactMappingTests
{
    [Fact]
    public void The_AutoMapper_configuration_is_valid()
    {
        var configuration = new MapperConfiguration(
            cfg => cfg.AddProfile(new SalesforceContactProfile("salesforce", new SalesforceFieldMapping())), NullLoggerFactory.Instance);

        configuration.AssertConfigurationIsValid();
    }

    [Fact]
    public async Task Leads_and_contacts_map_score_opt_outs_bounces_and_owners_with_time_zones()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 40, Contacts = 40 });
        var org = host.Sandbox.Org;

        var (contacts, _, _) = await host.ReadAllAsync(SyncCursor.Start);
        var owners = await host.Connector.ReadOwnersAsync(CancellationToken.None);

        foreach (var contact in contacts)
        {
            var record = org.Find(contact.CrmId)!;
            Assert.Equal((decimal?)record["Lead_Score__c"], contact.LeadScore);
            Assert.Equal((bool)record["HasOptedOutOfEmail"]!, contact.EmailOptOut);
            Assert.Equal((bool)record["DoNotCall"]!, contact.DoNotCall);
            Assert.Equal(record["EmailBouncedDate"] is not null, contact.EmailBounced);
            Assert.Equal(record["OwnerId"], contact.OwnerId);
            Assert.Equal(record.SystemModstamp, contact.UpdatedAt);
            Assert.Equal(record.SObjectType == "Lead" ? ContactRecordType.Lead : ContactRecordType.Contact, contact.RecordType);
            Assert.Equal(record.SObjectType == "Lead" ? record["Country"] : record["MailingCountry"], contact.Country);
        }

        Assert.Contains(contacts, c => c.LeadScore is null);
        Assert.Contains(contacts, c => c.EmailOptOut);
        Assert.Contains(contacts, c => c.DoNotCall);
        Assert.Contains(owners, o => o.TimeZone == "Europe/London");
        Assert.All(owners, o => Assert.Equal(org.Find(o.Id)!["TimeZoneSidKey"], o.TimeZone));
    }

    [Fact]
    public async Task The_score_field_comes_from_configuration()
    {
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 4, Contacts = 4 },
            new Dictionary<string, string?> { ["FieldMapping:ScoreField"] = "Custom_Score__c" });

        var refused = await Assert.ThrowsAsync<Refit.ApiException>(() => host.Connector.ReadChangedContactsAsync(SyncCursor.Start, CancellationToken.None));

        Assert.Contains("No such column 'Custom_Score__c' on entity 'Lead'", refused.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_and_meeting_dates_come_from_the_configured_fields_and_are_not_read_otherwise()
    {
        var options = new SalesforceSandboxOptions { Leads = 2, Contacts = 2 };
        var mapped = new Dictionary<string, string?>
        {
            ["FieldMapping:LastRepliedAtField"] = "Last_Replied_At__c",
            ["FieldMapping:LastMeetingBookedAtField"] = "Last_Meeting_Booked_At__c",
        };
        using var host = SalesforceTestHost.Start(options, mapped);
        using var unmapped = SalesforceTestHost.Start(options);
        var replied = new DateTimeOffset(2026, 1, 6, 15, 30, 0, TimeSpan.Zero);
        var booked = new DateTimeOffset(2026, 1, 7, 10, 0, 0, TimeSpan.Zero);
        foreach (var sandbox in new[] { host.Sandbox, unmapped.Sandbox })
        {
            var lead = sandbox.Org.Leads[0];
            sandbox.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Last_Replied_At__c"] = replied, ["Last_Meeting_Booked_At__c"] = booked });
        }

        var read = (await host.ReadAllAsync(SyncCursor.Start)).Contacts.Single(c => c.LastRepliedAt is not null);
        var notRead = (await unmapped.ReadAllAsync(SyncCursor.Start)).Contacts;

        Assert.Equal((replied, booked), (read.LastRepliedAt, read.LastMeetingBookedAt));
        Assert.All(notRead, c => Assert.Null(c.LastRepliedAt));
    }
}
