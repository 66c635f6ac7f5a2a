using System.Net;
using System.Text.Json;
using CrmCadenceSync.Storage.Entities;

namespace CrmCadenceSync.Worker.Tests.Metrics;

/// <summary>
/// The metrics as the product defines them, over stored enrollments, step runs and outcomes: rates over distinct
/// contacts (a contact enrolled twice counts once), time to first response from the first touch written to the first
/// reply (average and median; a meeting is not a reply), and a chosen period.
/// </summary>
public sealed class MetricsDefinitionTests
{
    private const string Cadence = "hot-9-touch-14-day";
    private const string FirstStep = "quiz-follow-up-email";

    [Fact]
    public async Task Rates_count_contacts_not_enrollments_and_time_to_first_response_runs_from_the_first_touch_to_the_first_reply()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        await SeedAsync(world);

        using var all = await MetricsAsync(world, "");
        var hot = Hot(all);

        // 5 enrollments of 4 contacts; contacts 1 and 2 replied, contact 3 booked a meeting: 2 and 1 of 4 contacts.
        Assert.Equal(5, hot.GetProperty("enrolled").GetInt32());
        Assert.Equal(50.0, hot.GetProperty("replyRate").GetDouble());
        Assert.Equal(25.0, hot.GetProperty("meetingsPer100").GetDouble());

        // From the first touch written: 10 h and 20 h (from enrollment they would be 12 h and 24 h, and the meeting 7 h).
        Assert.Equal(15.0, hot.GetProperty("medianTimeToFirstResponseHours").GetDouble());
        Assert.Equal(15.0, hot.GetProperty("averageTimeToFirstResponseHours").GetDouble());
        Assert.Equal(4, hot.GetProperty("contactsEnrolled").GetInt32());
        Assert.Equal(2, hot.GetProperty("contactsReplied").GetInt32());
        Assert.Equal(1, hot.GetProperty("contactsWithMeeting").GetInt32());

        // The first step: written 5 times to 4 contacts (contact 1 got "question" the first time, "idea" the second),
        // both replies credited to it and to its "idea" variant.
        var step = hot.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == FirstStep);
        Assert.Equal((5, 4, 2, 1, 50.0, 25.0, 15.0), (
            step.GetProperty("written").GetInt32(), step.GetProperty("contacts").GetInt32(), step.GetProperty("replies").GetInt32(),
            step.GetProperty("meetings").GetInt32(), step.GetProperty("replyRate").GetDouble(), step.GetProperty("meetingsPer100").GetDouble(),
            step.GetProperty("averageTimeToFirstResponseHours").GetDouble()));
        Assert.Equal(
            [("idea", 3, 2, 66.67, 15.0), ("question", 2, 0, 0.0, (double?)null)],
            step.GetProperty("variants").EnumerateArray().Select(v => (
                v.GetProperty("variant").GetString(), v.GetProperty("contacts").GetInt32(), v.GetProperty("replies").GetInt32(),
                v.GetProperty("replyRate").GetDouble(),
                v.GetProperty("averageTimeToFirstResponseHours").ValueKind == JsonValueKind.Null ? null : (double?)v.GetProperty("averageTimeToFirstResponseHours").GetDouble())));

        var segment = all.RootElement.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("segment").GetString() == "Hot");
        Assert.Equal((4, 50.0, 25.0, 15.0), (
            segment.GetProperty("contactsEnrolled").GetInt32(), segment.GetProperty("replyRate").GetDouble(),
            segment.GetProperty("meetingsPer100").GetDouble(), segment.GetProperty("averageTimeToFirstResponseHours").GetDouble()));
    }

    [Fact]
    public async Task A_period_counts_the_enrollments_started_in_it_and_an_unknown_period_is_a_400_naming_period()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        await SeedAsync(world);

        // The last 30 days: contact 1's second enrollment, contacts 2 and 3; contact 1's first enrollment and contact 4's are older.
        using var month = await MetricsAsync(world, "?period=30d");
        var hot = Hot(month);
        Assert.Equal(3, hot.GetProperty("enrolled").GetInt32());
        Assert.Equal("30d", month.RootElement.GetProperty("period").GetString());
        Assert.Equal((3, 3, 2, 66.67, 33.33), (
            hot.GetProperty("enrolled").GetInt32(), hot.GetProperty("contactsEnrolled").GetInt32(), hot.GetProperty("contactsReplied").GetInt32(),
            hot.GetProperty("replyRate").GetDouble(), hot.GetProperty("meetingsPer100").GetDouble()));

        using var week = await MetricsAsync(world, "?period=7d");
        Assert.Equal((3, 66.67), (Hot(week).GetProperty("contactsEnrolled").GetInt32(), Hot(week).GetProperty("replyRate").GetDouble()));
        using var quarter = await MetricsAsync(world, "?period=90d");
        Assert.Equal((4, 4, 50.0), (Hot(quarter).GetProperty("enrolled").GetInt32(), Hot(quarter).GetProperty("contactsEnrolled").GetInt32(), Hot(quarter).GetProperty("replyRate").GetDouble()));
        using var allTime = await MetricsAsync(world, "?period=all");
        Assert.Equal(4, Hot(allTime).GetProperty("contactsEnrolled").GetInt32());

        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var response = await client.GetAsync(new Uri("/api/metrics?period=fortnight", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            await app.StopAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(body);
            Assert.Contains("7d, 30d, 90d, all", problem.RootElement.GetProperty("errors").GetProperty("period")[0].GetString(), StringComparison.Ordinal);
        }
    }

    private static JsonElement Hot(JsonDocument json) =>
        json.RootElement.GetProperty("cadences").EnumerateArray().Single(c => c.GetProperty("cadence").GetString() == Cadence);

    private static async Task<JsonDocument> MetricsAsync(SandboxWorld world, string query)
    {
        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/metrics" + query, UriKind.Relative)));
            await app.StopAsync();
            return json;
        }
    }

    /// <summary>
    /// Contact 1: enrolled 100 days ago (variant "question", no answer), again 5 days ago ("idea"), first touch 2 h later, reply 10 h after that.
    /// Contact 2: enrolled 3 days ago, first touch 4 h later, reply 20 h after it. Contact 3: enrolled 2 days ago, a
    /// meeting 7 h later. Contact 4: enrolled 40 days ago ("question"), no answer. Every enrollment has ended.
    /// </summary>
    private static Task<int> SeedAsync(SandboxWorld world)
    {
        var now = world.Time.GetUtcNow();
        return world.QueryAsync(async db =>
        {
            Add("1", now.AddDays(-100), TimeSpan.FromHours(1), "question", null, null);
            Add("1", now.AddDays(-5), TimeSpan.FromHours(2), "idea", ("Replied", TimeSpan.FromHours(12)), "Replied");
            Add("2", now.AddDays(-3), TimeSpan.FromHours(4), "idea", ("Replied", TimeSpan.FromHours(24)), "Replied");
            Add("3", now.AddDays(-2), TimeSpan.FromHours(1), "idea", ("MeetingBooked", TimeSpan.FromHours(7)), "MeetingBooked");
            Add("4", now.AddDays(-40), TimeSpan.FromHours(1), "question", null, null);
            await db.SaveChangesAsync();
            return 0;

            void Add(string contact, DateTimeOffset enrolledAt, TimeSpan firstTouch, string variant, (string Kind, TimeSpan After)? outcome, string? exit)
            {
                var id = Guid.NewGuid();
                db.Enrollments.Add(new EnrollmentEntity
                {
                    Id = id, Connection = "hubspot", ContactCrmId = contact, Segment = "Hot", CadenceId = Cadence, RuleSetVersion = 1,
                    State = exit is null ? "Completed" : "Exited", IsOpen = false, EnrolledAt = enrolledAt, ExitReason = exit, EndedAt = enrolledAt.AddDays(1),
                });
                db.StepRuns.Add(new StepRunEntity
                {
                    EnrollmentId = id, StepId = FirstStep, StepNumber = 1, Outcome = "Written", Variant = variant, IdempotencyKey = $"{id:N}:{FirstStep}",
                    DueAt = enrolledAt + firstTouch, RecordedAt = enrolledAt + firstTouch,
                });
                if (outcome is { } o)
                {
                    db.EngagementOutcomes.Add(new EngagementOutcomeEntity
                    {
                        EnrollmentId = id, Connection = "hubspot", ContactCrmId = contact, Kind = o.Kind,
                        OccurredAt = enrolledAt + o.After, RecordedAt = enrolledAt + o.After,
                    });
                }
            }
        });
    }
}
