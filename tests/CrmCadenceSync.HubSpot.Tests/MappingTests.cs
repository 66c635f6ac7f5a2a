using AutoMapper;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class MappingTests
{
    [Fact]
    public void The_AutoMapper_configuration_is_valid()
    {
        using var harness = new HubSpotHarness();

        harness.Services.GetRequiredKeyedService<IMapper>(HubSpotHarness.Name).ConfigurationProvider.AssertConfigurationIsValid();
    }

    [Fact]
    public void Contacts_map_with_the_configured_field_mapping()
    {
        using var harness = new HubSpotHarness(connection: new Dictionary<string, string?>
        {
            ["FieldMapping:LeadScore"] = "lead_score_2026",
            ["FieldMapping:DoNotCall"] = "do_not_call",
        });
        var mapper = harness.Services.GetRequiredKeyedService<IMapper>(HubSpotHarness.Name);
        var record = new HubSpotObject("1001", new Dictionary<string, string?>
        {
            ["email"] = "ada@example.com",
            ["hubspotscore"] = "12",
            ["lead_score_2026"] = "73.5",
            ["hs_timezone"] = "america_slash_new_york",
            ["hs_email_optout"] = "true",
            ["do_not_call"] = "true",
            ["hs_email_hard_bounce_reason_enum"] = "UNKNOWN_USER",
            ["hs_sales_email_last_replied"] = "2026-11-20T10:15:00.000Z",
            ["lastmodifieddate"] = "1763805600000",
            ["hubspot_owner_id"] = "101",
        });

        var contact = mapper.Map<Contact>(record);

        Assert.Equal(HubSpotHarness.Name, contact.Connection);
        Assert.Equal("1001", contact.CrmId);
        Assert.Equal(73.5m, contact.LeadScore);
        Assert.Equal("america_slash_new_york", contact.TimeZone);
        Assert.True(contact.EmailOptOut);
        Assert.True(contact.DoNotCall);
        Assert.True(contact.EmailBounced);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 0, TimeSpan.Zero), contact.LastRepliedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763805600000), contact.UpdatedAt);
        Assert.Equal("101", contact.OwnerId);
        Assert.Equal("12", contact.Properties["hubspotscore"]);
    }

    [Fact]
    public void A_contact_without_a_score_maps_to_no_score()
    {
        using var harness = new HubSpotHarness();
        var mapper = harness.Services.GetRequiredKeyedService<IMapper>(HubSpotHarness.Name);

        var contact = mapper.Map<Contact>(new HubSpotObject("7", new Dictionary<string, string?> { ["hubspotscore"] = null }));

        Assert.Null(contact.LeadScore);
        Assert.False(contact.EmailOptOut);
    }
}
