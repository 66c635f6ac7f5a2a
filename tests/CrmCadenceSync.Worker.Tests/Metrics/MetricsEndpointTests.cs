using System.Text.Json;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Metrics;

/// <summary>Known outcomes seeded in the HubSpot sandbox, the real worker's cycles on a fake clock, and the exact figures.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Ten_hot_contacts_three_replies_and_two_meetings_report_30_replies_20_meetings_per_100_and_a_median_first_response_of_20_hours()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contacts = Enumerable.Range(0, 10).Select(i => world.AddHubSpotContact(85, $"Hot{i}")).ToList();
        await world.RunCycleAsync();
        Assert.Equal(10, await world.QueryAsync(db => db.Enrollments.CountAsync(e => e.CadenceId == "hot-9-touch-14-day")));

        // First responses: contact 0 replies after 5 h (and books after 8 h), contact 3 books after 10 h,
        // contact 1 replies after 30 h, contact 2 after 50 h. Median of 5, 10, 30, 50 h: 20 h.
        await RespondAsync(world, 5, contacts[0], "hs_sales_email_last_replied");
        await RespondAsync(world, 8, contacts[0], "hs_latest_meeting_activity");
        await RespondAsync(world, 10, contacts[3], "hs_latest_meeting_activity");
        await RespondAsync(world, 30, contacts[1], "hs_sales_email_last_replied");
        await RespondAsync(world, 50, contacts[2], "hs_sales_email_last_replied");

        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/metrics", UriKind.Relative)));
            await app.StopAsync();

            var hot = json.RootElement.GetProperty("cadences").EnumerateArray().Single(c => c.GetProperty("cadence").GetString() == "hot-9-touch-14-day");
            Assert.Equal("Hot", hot.GetProperty("segment").GetString());
            Assert.Equal(10, hot.GetProperty("enrolled").GetInt32());
            Assert.Equal(30.0, hot.GetProperty("replyRate").GetDouble());
            Assert.Equal(20.0, hot.GetProperty("meetingsPer100").GetDouble());
            Assert.Equal(20.0, hot.GetProperty("medianTimeToFirstResponseHours").GetDouble());
            Assert.Equal(3, hot.GetProperty("exited").GetProperty("Replied").GetInt32());
            Assert.Equal(1, hot.GetProperty("exited").GetProperty("MeetingBooked").GetInt32());
            Assert.Equal(6, hot.GetProperty("active").GetInt32());

            // The LinkedIn step went to the 7 contacts still enrolled on Tuesday's cycle (30 h), after contact 1 replied:
            // contact 2's reply (50 h) is credited to it, every other reply and meeting to the first email.
            Assert.Equal(("quiz-follow-up-email", 1, 10, 2, 2), Step(hot.GetProperty("steps")[0]));
            Assert.Equal(("linkedin-connect", 2, 7, 1, 0), Step(hot.GetProperty("steps")[1]));

            var segment = json.RootElement.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("segment").GetString() == "Hot");
            Assert.Equal((10, 30.0, 20.0), (segment.GetProperty("enrolled").GetInt32(), segment.GetProperty("replyRate").GetDouble(), segment.GetProperty("meetingsPer100").GetDouble()));
        }
    }

    private static (string?, int, int, int, int) Step(JsonElement step) =>
        (step.GetProperty("stepId").GetString(), step.GetProperty("stepNumber").GetInt32(), step.GetProperty("written").GetInt32(),
            step.GetProperty("replies").GetInt32(), step.GetProperty("meetings").GetInt32());

    private static async Task RespondAsync(SandboxWorld world, int hoursAfterEnrollment, long contact, string property)
    {
        world.Time.Advance(SandboxWorld.MondayMorning.AddHours(hoursAfterEnrollment) - world.Time.GetUtcNow());
        world.ChangeHubSpotContact(contact, property, HubSpotPortal.Iso(world.Time.GetUtcNow()));
        await world.RunCycleAsync();
    }
}
