using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Tests.Contacts;

public sealed class ContactEchoTests
{
    private static readonly DateTimeOffset Then = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private static readonly Contact Held = new()
    {
        Connection = "hubspot",
        CrmId = "42",
        Email = "ann@acme.example",
        LeadScore = 85,
        UpdatedAt = Then,
        Properties = new Dictionary<string, string?>
        {
            ["lastmodifieddate"] = "2026-11-23T15:00:00Z", ["quiz_timeline"] = "this quarter", ["ccs_cadence_status"] = "Enrolled",
        },
    };

    [Fact]
    public void A_version_differing_only_in_its_modification_stamp_and_our_own_fields_is_an_echo()
    {
        var read = Held with
        {
            UpdatedAt = Then.AddMinutes(3),
            Properties = new Dictionary<string, string?>
            {
                ["lastmodifieddate"] = "2026-11-23T15:03:00Z", ["quiz_timeline"] = "this quarter", ["ccs_cadence_status"] = "Active",
                ["CCS_Sync_Key__c"] = "k",
            },
        };

        Assert.True(ContactEcho.IsEcho(read, Held));
    }

    [Fact]
    public void A_changed_field_or_a_changed_merge_property_is_not_an_echo()
    {
        Assert.False(ContactEcho.IsEcho(Held with { UpdatedAt = Then.AddMinutes(3), LeadScore = 20 }, Held));
        Assert.False(ContactEcho.IsEcho(Held with { EmailOptOut = true }, Held));
        var answered = new Dictionary<string, string?>(Held.Properties) { ["quiz_timeline"] = "next year" };
        Assert.False(ContactEcho.IsEcho(Held with { Properties = answered }, Held));
        var added = new Dictionary<string, string?>(Held.Properties) { ["quiz_team_size"] = "11-50" };
        Assert.False(ContactEcho.IsEcho(Held with { Properties = added }, Held));
    }
}
