using System.Globalization;
using System.Net.Http.Json;
using CrmCadenceSync.Worker.Admin.Enrollments;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Identity;

/// <summary>
/// The linked record shows the one cadence's status after every status write, not only those the inbox and due steps
/// stage: an admin's pause and exit, and an exit the task-state poll decides, reach the Salesforce lead linked to the
/// HubSpot contact that runs the cadence.
/// </summary>
public sealed class StatusMirrorTests
{
    [Fact]
    public async Task An_admins_pause_and_exit_of_the_primary_enrollment_show_on_the_linked_record_too()
    {
        await using var world = await SandboxWorld.StartAsync();
        var lead = world.AddSalesforceLead("Ada");
        var contact = world.AddHubSpotContact(85, "Ada");
        world.ChangeHubSpotContact(contact, "email", "ada.tester@acme.example");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        var enrollment = await world.QueryAsync(db => db.Enrollments.SingleAsync());
        Assert.Equal("Active", LeadStatus(world, lead.Id));

        await ActAsync(world, enrollment.Id, EnrollmentActions.Pause);
        await world.RunCycleAsync();
        var paused = world.HubSpot.Portal.Find("contacts", contact)!.Properties["ccs_cadence_status"];
        Assert.NotEqual("Active", paused);
        Assert.Equal(paused, LeadStatus(world, lead.Id));

        await ActAsync(world, enrollment.Id, EnrollmentActions.Exit);
        await world.RunCycleAsync();
        var exited = world.HubSpot.Portal.Find("contacts", contact)!.Properties["ccs_cadence_status"];
        Assert.StartsWith("Exited", exited, StringComparison.Ordinal);
        Assert.Equal(exited, LeadStatus(world, lead.Id));
    }

    [Fact]
    public async Task An_exit_the_task_state_poll_decides_shows_on_the_linked_record_too()
    {
        await using var world = await SandboxWorld.StartAsync();
        var lead = world.AddSalesforceLead("Nadia");
        var contact = world.AddHubSpotContact(85, "Nadia");
        world.ChangeHubSpotContact(contact, "email", "nadia.tester@acme.example");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();
        var task = Assert.Single(world.HubSpot.Portal.Records("tasks"), t => t.Associations.Any(a => a.ToContactId == contact));
        Assert.Equal("Active", LeadStatus(world, lead.Id));

        // The rep logs "Not interested" on the task and completes it in HubSpot.
        world.Time.Advance(TimeSpan.FromHours(2));
        world.HubSpot.Portal.LogCall(task.Id, "Not interested");
        using (var http = new HttpClient { BaseAddress = world.HubSpot.Url })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", world.HubSpot.Options.AccessToken);
            using var response = await http.PostAsJsonAsync(
                new Uri("/crm/objects/2026-03/tasks/batch/update", UriKind.Relative),
                new { inputs = new[] { new { id = task.Id.ToString(CultureInfo.InvariantCulture), properties = new { hs_task_status = "COMPLETED" } } } });
            response.EnsureSuccessStatusCode();
        }

        await world.RunCycleAsync();

        var exited = world.HubSpot.Portal.Find("contacts", contact)!.Properties["ccs_cadence_status"];
        Assert.Equal("Exited: call outcome 'not interested'", exited);
        Assert.Equal(exited, LeadStatus(world, lead.Id));
    }

    /// <summary>The admin API's action, on the service over the same store; stopped before the next cycle runs.</summary>
    private static async Task ActAsync(SandboxWorld world, Guid enrollmentId, string action)
    {
        world.Time.Advance(TimeSpan.FromMinutes(1));
        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var response = await client.PostAsync(new Uri($"/api/enrollments/{enrollmentId}/{action}", UriKind.Relative), null);
            var body = await response.Content.ReadAsStringAsync();
            await app.StopAsync();
            Assert.True(response.IsSuccessStatusCode, body);
        }
    }

    private static string? LeadStatus(SandboxWorld world, string leadId) =>
        (string?)world.Salesforce.Org.Find(leadId)!.Fields["CCS_Cadence_Status__c"];
}
