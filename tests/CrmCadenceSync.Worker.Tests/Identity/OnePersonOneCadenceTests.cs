using CrmCadenceSync.Mocks.Salesforce.State;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Identity;

/// <summary>
/// The same person in both sandboxes (one email): one enrollment, run by the primary connection (HubSpot as shipped);
/// its touches go to HubSpot only and both CRMs' status fields show it.
/// </summary>
public sealed class OnePersonOneCadenceTests
{
    [Theory]
    [InlineData("ada.tester@acme.example")]
    [InlineData("Ada.Tester@ACME.example")]
    public async Task The_same_email_in_both_sandboxes_gets_one_enrollment_touches_in_the_primary_and_the_status_in_both(string hubSpotEmail)
    {
        await using var world = await SandboxWorld.StartAsync();
        var lead = world.AddSalesforceLead("Ada");
        var contact = world.AddHubSpotContact(85, "Ada");
        world.ChangeHubSpotContact(contact, "email", hubSpotEmail);
        world.Time.Advance(TimeSpan.FromMinutes(1));

        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromDays(3));
        await world.RunCycleAsync();

        var enrollments = await world.QueryAsync(db => db.Enrollments.ToListAsync());
        var enrollment = Assert.Single(enrollments);
        Assert.Equal("hubspot", enrollment.Connection);
        Assert.NotEmpty(world.HubSpot.Portal.Records("tasks").Concat(world.HubSpot.Portal.Records("notes")).Concat(world.HubSpot.Portal.Records("emails")));
        Assert.Empty(world.Salesforce.Org.Tasks);
        Assert.Empty(world.Salesforce.Org.EmailMessages);

        var hubSpotStatus = world.HubSpot.Portal.Find("contacts", contact)!.Properties["ccs_cadence_status"];
        var salesforceStatus = (string?)world.Salesforce.Org.Leads.Single(l => l.Id == lead.Id).Fields["CCS_Cadence_Status__c"];
        Assert.Equal("Active", hubSpotStatus);
        Assert.Equal(hubSpotStatus, salesforceStatus);
    }

    /// <summary>SQLite's <c>lower()</c> folds ASCII only: the match key is computed in .NET, for every script and either accent form.</summary>
    [Theory]
    [InlineData("élodie@example.fr", "ÉLODIE@Example.fr")]
    [InlineData("ÉLODIE@Example.fr", "élodie@example.fr")]
    [InlineData("e\u0301lodie@example.fr", "ÉLODIE@EXAMPLE.FR")]
    public async Task Emails_differing_in_the_case_of_accented_letters_are_one_person(string leadEmail, string hubSpotEmail)
    {
        await using var world = await SandboxWorld.StartAsync();
        var lead = world.AddSalesforceLead("Elodie");
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Email"] = System.Text.RegularExpressions.Regex.Unescape(leadEmail) });
        var contact = world.AddHubSpotContact(85, "Elodie");
        world.ChangeHubSpotContact(contact, "email", hubSpotEmail);
        world.Time.Advance(TimeSpan.FromMinutes(1));

        await world.RunCycleAsync();

        var enrollment = Assert.Single(await world.QueryAsync(db => db.Enrollments.ToListAsync()));
        Assert.Equal("hubspot", enrollment.Connection);
        Assert.Empty(world.Salesforce.Org.Tasks);
        Assert.Equal("Active", (string?)world.Salesforce.Org.Find(lead.Id)!.Fields["CCS_Cadence_Status__c"]);
    }

    [Fact]
    public async Task With_matching_turned_off_each_connection_enrolls_its_own_record()
    {
        await using var world = await SandboxWorld.StartAsync("--Identity:MatchBy=None");
        world.AddSalesforceLead("Ada");
        var contact = world.AddHubSpotContact(85, "Ada");
        world.ChangeHubSpotContact(contact, "email", "ada.tester@acme.example");
        world.Time.Advance(TimeSpan.FromMinutes(1));

        await world.RunCycleAsync();

        var connections = await world.QueryAsync(db => db.Enrollments.Select(e => e.Connection).OrderBy(c => c).ToListAsync());
        Assert.Equal(["hubspot", "salesforce"], connections);
        Assert.NotEmpty(world.Salesforce.Org.Tasks);
    }
}
