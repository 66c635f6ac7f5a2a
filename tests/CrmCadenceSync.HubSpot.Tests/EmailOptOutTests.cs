using System.Globalization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Tests.Support;

namespace CrmCadenceSync.HubSpot.Tests;

/// <summary>Unsubscribes written to the sandbox portal: communication preferences first, the opt-out property as the fallback.</summary>
public sealed class EmailOptOutTests
{
    [Fact]
    public async Task An_opt_out_unsubscribes_the_address_from_all_email_once_and_a_repeat_changes_nothing()
    {
        using var harness = new HubSpotHarness();
        var contact = harness.Sandbox.Portal.Records("contacts").First(c => c["hs_email_optout"] == "false");
        var optOut = OptOutOf(contact);

        var first = await harness.RunAsync(() => harness.Connector.WriteEmailOptOutsAsync([optOut], CancellationToken.None));
        var at = harness.Sandbox.Portal.UnsubscribedFromAll[contact["email"]!];
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await harness.RunAsync(() => harness.Connector.WriteEmailOptOutsAsync([optOut], CancellationToken.None));

        Assert.All(first.Concat(again), r => Assert.Null(r.Error));
        Assert.Equal(at, harness.Sandbox.Portal.UnsubscribedFromAll[contact["email"]!]);
        Assert.Equal("true", harness.Sandbox.Portal.Find("contacts", contact.Id)!["hs_email_optout"]);
        var calls = harness.Requests("/unsubscribe-all");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("EMAIL", c.RequestMessage!.Query!["channel"].Single()));
        Assert.Empty(harness.Requests("/contacts/batch/update"));
    }

    [Fact]
    public async Task With_the_API_switched_off_the_opt_out_property_is_set_in_one_batch()
    {
        using var harness = new HubSpotHarness(connection: new Dictionary<string, string?> { ["UseCommunicationPreferences"] = "false" });
        var contacts = harness.Sandbox.Portal.Records("contacts").Where(c => c["hs_email_optout"] == "false").Take(3).ToList();

        var results = await harness.RunAsync(() => harness.Connector.WriteEmailOptOutsAsync([.. contacts.Select(OptOutOf)], CancellationToken.None));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(contacts, c => Assert.Equal("true", harness.Sandbox.Portal.Find("contacts", c.Id)!["hs_email_optout"]));
        Assert.Single(harness.Requests("/contacts/batch/update"));
        Assert.Empty(harness.Requests("/unsubscribe-all"));
        Assert.Empty(harness.Sandbox.Portal.UnsubscribedFromAll);
    }

    [Fact]
    public async Task An_address_HubSpot_refuses_is_a_permanent_error_naming_the_reason()
    {
        using var harness = new HubSpotHarness();
        var contact = harness.Sandbox.Portal.Records("contacts")[0];

        var result = Assert.Single(await harness.RunAsync(() => harness.Connector.WriteEmailOptOutsAsync([OptOutOf(contact) with { Email = "not-an-address" }], CancellationToken.None)));

        Assert.NotNull(result.Error);
        Assert.True(result.Error.IsPermanent);
        Assert.Equal("VALIDATION_ERROR", result.Error.Code);
        Assert.Contains("not-an-address", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_without_an_address_gets_the_opt_out_property()
    {
        using var harness = new HubSpotHarness();
        var contact = harness.Sandbox.Portal.Records("contacts").First(c => c["hs_email_optout"] == "false");

        var result = Assert.Single(await harness.RunAsync(() => harness.Connector.WriteEmailOptOutsAsync([OptOutOf(contact) with { Email = "" }], CancellationToken.None)));

        Assert.Null(result.Error);
        Assert.Equal("true", harness.Sandbox.Portal.Find("contacts", contact.Id)!["hs_email_optout"]);
        Assert.Empty(harness.Requests("/unsubscribe-all"));
    }

    private static EmailOptOut OptOutOf(Mocks.HubSpot.HubSpotRecord contact) =>
        new($"optout:hubspot:{contact.Id}", contact.Id.ToString(CultureInfo.InvariantCulture), ContactRecordType.Contact, contact["email"]!);
}
