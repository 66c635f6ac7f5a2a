using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.HubSpotApp;

/// <summary>The app card's back end (what <c>hubspot.fetch()</c> calls), signed as HubSpot signs it, on the real service.</summary>
public sealed class AppCardEndpointTests
{
    [Fact]
    public async Task Status_shows_the_enrollment_in_the_contacts_zone_and_skip_then_pause_are_audited_operator_actions()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var contact = world.AddHubSpotContact(85, "Hana");
        await world.RunCycleAsync();
        var app = await world.StartServiceAsync();
        try
        {
            var baseUrl = new Uri(app.Urls.Single());
            var id = contact.ToString(CultureInfo.InvariantCulture);
            using var status = await SendAsync(world, new Uri(baseUrl, $"/hubspot/app/contacts/{id}/status?userId=7&portalId=62515"), HttpMethod.Get, "");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            using (var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync()))
            {
                var enrollment = json.RootElement.GetProperty("enrollment");
                Assert.Equal("Hot", enrollment.GetProperty("segment").GetString());
                Assert.Equal("Hot: 9 touches in 14 days", enrollment.GetProperty("cadence").GetString());
                Assert.Equal("2 of 9: linkedin-connect (LinkedIn)", enrollment.GetProperty("currentStep").GetString());
                Assert.Equal("Tue 24 Nov 2026 10:00", enrollment.GetProperty("nextTouch").GetString());
                Assert.Equal("America/New_York", enrollment.GetProperty("timeZone").GetString());
                Assert.Equal(["pause", "exit", "skip"], enrollment.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
                var run = Assert.Single(json.RootElement.GetProperty("history").EnumerateArray());
                Assert.Equal("quiz-follow-up-email: Written", $"{run.GetProperty("stepId").GetString()}: {run.GetProperty("outcome").GetString()}");
            }

            using var skip = await SendAsync(world, new Uri(baseUrl, $"/hubspot/app/contacts/{id}/actions/skip?userEmail=rep%40example.com"), HttpMethod.Post, "{}");
            Assert.Equal(HttpStatusCode.OK, skip.StatusCode);
            using (var json = JsonDocument.Parse(await skip.Content.ReadAsStringAsync()))
            {
                Assert.Equal("3 of 9: discovery-call-1 (Call)", json.RootElement.GetProperty("enrollment").GetProperty("currentStep").GetString());
            }

            using var pause = await SendAsync(world, new Uri(baseUrl, $"/hubspot/app/contacts/{id}/actions/pause?userEmail=rep%40example.com"), HttpMethod.Post, "{}");
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
            using var pauseAgain = await SendAsync(world, new Uri(baseUrl, $"/hubspot/app/contacts/{id}/actions/pause?userEmail=rep%40example.com"), HttpMethod.Post, "{}");
            Assert.Equal(HttpStatusCode.Conflict, pauseAgain.StatusCode);
            using var forged = await SendAsync(world, new Uri(baseUrl, $"/hubspot/app/contacts/{id}/actions/exit"), HttpMethod.Post, "{}", secret: "forged");
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var audit = await world.QueryAsync(db => db.AdminAudit.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action }).ToListAsync());
        Assert.Equal(["enrollment.skip", "enrollment.pause"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("hubspot-user:rep@example.com", a.Actor));
        var runs = await world.QueryAsync(db => db.StepRuns.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Outcome + " " + r.StepId).ToListAsync());
        Assert.Equal(["Written quiz-follow-up-email", "Skipped linkedin-connect"], runs);
        Assert.Equal("Paused", await world.QueryAsync(db => db.Enrollments.AsNoTracking().Select(e => e.State).SingleAsync()));
    }

    private static Task<HttpResponseMessage> SendAsync(SandboxWorld world, Uri url, HttpMethod method, string body, string? secret = null) =>
        WorkflowActionTests.SendSignedAsync(url, Encoding.UTF8.GetBytes(body), secret ?? world.HubSpot.Options.WebhookSecret, world.Time.GetUtcNow(), method);
}
