using System.Diagnostics.Metrics;
using System.Text.Json;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Worker.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Metrics;

/// <summary>Known outcomes seeded in the HubSpot sandbox, the real worker's cycles on a fake clock, and the exact figures.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Ten_hot_contacts_three_replies_and_two_meetings_report_30_replies_20_meetings_per_100_and_first_responses_from_the_first_touch()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contacts = Enumerable.Range(0, 10).Select(i => world.AddHubSpotContact(85, $"Hot{i}")).ToList();
        await world.RunCycleAsync();
        Assert.Equal(10, await world.QueryAsync(db => db.Enrollments.CountAsync(e => e.CadenceId == "hot-9-touch-14-day")));

        // Contact 0 replies after 5 h (and books after 8 h), contact 3 books after 10 h, contact 1 replies after 30 h,
        // contact 2 after 50 h. Time to first response runs from the first touch (the email written on enrollment) to
        // the first reply, and a meeting is not a reply: 5, 30 and 50 h, average 28.33 h, median 30 h.
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

            // The same figures as OpenTelemetry instruments, read by a listener and scraped in Prometheus' format.
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<OperatorSnapshotReader>().RefreshAsync(CancellationToken.None);
            }

            var measured = Measure(app.Services);
            var scraped = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            await app.StopAsync();

            Assert.Contains("service_name=\"CrmCadenceSync\"", scraped, StringComparison.Ordinal);
            Assert.Equal(30.0, measured[("ccs.reply_rate", "cadence=hot-9-touch-14-day")]);
            Assert.Equal(20.0, measured[("ccs.meetings_per_100", "cadence=hot-9-touch-14-day")]);
            Assert.Equal(6.0, measured[("ccs.enrollments", "cadence=hot-9-touch-14-day,state=Active")]);
            Assert.Equal(4.0, measured[("ccs.enrollments", "cadence=hot-9-touch-14-day,state=Exited")]);
            Assert.Equal(0.0, measured[("ccs.inbox.depth", "")]);
            Assert.Equal(1.0, measured[("ccs.connection.state", "connection=hubspot,state=Ok")]);
            Assert.Equal(0.0, measured[("ccs.connection.state", "connection=hubspot,state=Unavailable")]);
            Assert.Contains("ccs_connection_state", scraped, StringComparison.Ordinal);
            Assert.Equal(0.0, measured[("ccs.outbox.depth", "connection=hubspot")]);
            Assert.Equal(0.0, measured[("ccs.crm.rate_limited", "connection=hubspot")]);
            Assert.True(measured.ContainsKey(("ccs.sync.lag", "connection=hubspot")), string.Join(", ", measured.Keys));
            Assert.Contains("ccs_reply_rate_percent{otel_scope_name=\"CrmCadenceSync\",cadence=\"hot-9-touch-14-day\"} 30", scraped, StringComparison.Ordinal);
            Assert.Contains("ccs_meetings_per_100{otel_scope_name=\"CrmCadenceSync\",cadence=\"hot-9-touch-14-day\"} 20", scraped, StringComparison.Ordinal);

            var hot = json.RootElement.GetProperty("cadences").EnumerateArray().Single(c => c.GetProperty("cadence").GetString() == "hot-9-touch-14-day");
            Assert.Equal("Hot", hot.GetProperty("segment").GetString());
            Assert.Equal(10, hot.GetProperty("enrolled").GetInt32());
            Assert.Equal(30.0, hot.GetProperty("replyRate").GetDouble());
            Assert.Equal(20.0, hot.GetProperty("meetingsPer100").GetDouble());
            Assert.Equal(28.33, hot.GetProperty("averageTimeToFirstResponseHours").GetDouble());
            Assert.Equal(30.0, hot.GetProperty("medianTimeToFirstResponseHours").GetDouble());
            Assert.Equal((10, 3, 2), (hot.GetProperty("contactsEnrolled").GetInt32(), hot.GetProperty("contactsReplied").GetInt32(), hot.GetProperty("contactsWithMeeting").GetInt32()));
            Assert.Equal(3, hot.GetProperty("exited").GetProperty("Replied").GetInt32());
            Assert.Equal(1, hot.GetProperty("exited").GetProperty("MeetingBooked").GetInt32());
            Assert.Equal(6, hot.GetProperty("active").GetInt32());

            // The 10 first emails and 7 LinkedIn tasks are past due and no rep has completed them in HubSpot; the 5 of
            // them whose enrollment exited on the reply or meeting (contacts 0, 1 and 3's emails, contact 2's email and
            // LinkedIn task) were closed in HubSpot by the worker, so 12 are overdue.
            Assert.Equal(12, hot.GetProperty("overdueTasks").GetInt32());

            // The LinkedIn step went to the 7 contacts still enrolled on Tuesday's cycle (30 h), after contact 1 replied:
            // contact 2's reply (50 h) is credited to it, every other reply and meeting to the first email.
            Assert.Equal(("quiz-follow-up-email", 1, 10, 2, 2), Step(hot.GetProperty("steps")[0]));
            Assert.Equal(("linkedin-connect", 2, 7, 1, 0), Step(hot.GetProperty("steps")[1]));

            var segment = json.RootElement.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("segment").GetString() == "Hot");
            Assert.Equal((10, 30.0, 20.0), (segment.GetProperty("enrolled").GetInt32(), segment.GetProperty("replyRate").GetDouble(), segment.GetProperty("meetingsPer100").GetDouble()));
        }
    }

    /// <summary>One collection of the service's own <c>CrmCadenceSync</c> meter: value by (instrument, sorted tags).</summary>
    private static Dictionary<(string, string), double> Measure(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<(string, string), double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CadenceMeter.MeterName && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            values[(instrument.Name, string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")))] = value;
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
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
