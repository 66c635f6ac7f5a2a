using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Rules;

/// <summary>
/// Rule sets activated through the admin API while contacts are part-way through the hot cadence: no written step runs
/// again, no step is skipped without a record, no batch fails, and the admin's choice for open enrollments holds.
/// </summary>
public sealed class LiveRuleEditTests
{
    private const string Hot = "hot-9-touch-14-day";

    [Fact]
    public async Task A_step_inserted_before_an_enrollments_position_neither_reruns_a_written_step_nor_stalls_the_cadence()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contact = await TwoStepsInAsync(world);

        await ActivateAsync(world, definition => HotSteps(definition).Insert(0, NewStep(definition, "intro-call", 0)), "Move");
        await RunDaysAsync(world, 3);

        // Monday: step 1, Tuesday: step 2, Friday (three business days, Thanksgiving not one): step 3, the discovery call.
        // Nothing written twice, nothing failed.
        var keys = SyncKeysOf(world, contact);
        Assert.Equal(3, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(":discovery-call-1:", keys[^1], StringComparison.Ordinal);
        Assert.Equal(0, await world.QueryAsync(db => db.DeadLetters.CountAsync()));
        var enrollment = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());
        Assert.Equal((2, "value-email"), (enrollment.RuleSetVersion, enrollment.NextStepId));
    }

    [Fact]
    public async Task Removing_an_enrollments_next_step_records_it_as_skipped_with_the_reason_and_the_next_step_follows()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contact = await TwoStepsInAsync(world);

        await ActivateAsync(world, definition => HotSteps(definition).RemoveAt(2), "Move");

        var skipped = await world.QueryAsync(db => db.StepRuns.AsNoTracking().Where(r => r.Outcome == "Skipped").ToListAsync());
        var run = Assert.Single(skipped);
        Assert.Equal("discovery-call-1", run.StepId);
        Assert.Equal("RemovedFromCadence: rule set version 2", run.Reason);

        // The value email (day 5) keeps its plan: the Tuesday after Thanksgiving, not at once.
        await RunDaysAsync(world, 6);
        Assert.Equal(2, SyncKeysOf(world, contact).Count);
        await RunDaysAsync(world, 1);
        var keys = SyncKeysOf(world, contact);
        var row = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());
        Assert.True(keys.Count == 3, $"{row.NextStepId} due {row.NextDueAt} now {world.Time.GetUtcNow()}");
        Assert.Contains(":value-email:", keys[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrollments_told_to_stay_finish_on_the_version_they_started_on()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contact = await TwoStepsInAsync(world);

        await ActivateAsync(world, definition => HotSteps(definition).Insert(2, NewStep(definition, "extra-call", 2)), "Stay");
        await RunDaysAsync(world, 3);

        var keys = SyncKeysOf(world, contact);
        Assert.Equal(3, keys.Count);
        Assert.Contains(":discovery-call-1:", keys[^1], StringComparison.Ordinal);
        var enrollment = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());
        Assert.Equal(1, enrollment.RuleSetVersion);

        // A contact enrolled after the activation runs the new version.
        var newcomer = world.AddHubSpotContact(85, "Nina");
        await world.RunCycleAsync();
        var newEnrollment = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.ContactCrmId == newcomer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, newEnrollment.RuleSetVersion);
    }

    [Fact]
    public async Task The_preview_says_how_many_open_enrollments_each_choice_touches()
    {
        await using var world = await SandboxWorld.StartAsync();
        await TwoStepsInAsync(world);
        world.AddHubSpotContact(30, "Nell");
        await world.RunCycleAsync();
        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var definition = (await client.GetFromJsonAsync<JsonObject>("/api/rules"))!["definition"]!.AsObject();
            HotSteps(definition).RemoveAt(2);
            using var previewed = await client.PostAsJsonAsync("/api/rules/preview", definition);
            var choices = (await previewed.Content.ReadFromJsonAsync<JsonObject>())!["openEnrollments"]!;

            // The hot enrollment loses its next step (the discovery call); the nurture one moves untouched.
            Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
            Assert.Equal(
                (2, 2, 1, 1, 0),
                ((int)choices["open"]!, (int)choices["move"]!, (int)choices["moveChangesSteps"]!, (int)choices["moveRemovesNextStep"]!, (int)choices["cadenceDropped"]!));
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task An_unknown_choice_for_open_enrollments_is_refused_naming_the_field_and_the_active_version_stays()
    {
        await using var world = await SandboxWorld.StartAsync();
        await world.RunCycleAsync();
        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var active = (await client.GetFromJsonAsync<JsonObject>("/api/rules"))!;
            using var refused = await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = active["definition"], openEnrollments = "Later" });
            var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Later", problem["errors"]!["openEnrollments"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(1, (await client.GetFromJsonAsync<JsonObject>("/api/rules"))!["version"]!.GetValue<int>());
            await app.StopAsync();
        }
    }

    /// <summary>
    /// A hot contact enrolled on Monday 23 November with steps 1 (Monday) and 2 (Tuesday) written; step 3 is due Friday,
    /// the third business day with Thanksgiving off.
    /// </summary>
    private static async Task<long> TwoStepsInAsync(SandboxWorld world)
    {
        var contact = world.AddHubSpotContact(85, "Rhea");
        await world.RunCycleAsync();
        await RunDaysAsync(world, 1);
        Assert.Equal(2, SyncKeysOf(world, contact).Count);
        return contact;
    }

    private static async Task ActivateAsync(SandboxWorld world, Action<JsonObject> edit, string openEnrollments)
    {
        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var definition = (await client.GetFromJsonAsync<JsonObject>("/api/rules"))!["definition"]!.AsObject();
            edit(definition);
            using var activated = await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = definition, author = "Dana", openEnrollments });
            Assert.True(activated.StatusCode == HttpStatusCode.Created, await activated.Content.ReadAsStringAsync());
            await app.StopAsync();
        }
    }

    /// <summary>Runs a cycle every three hours for the given number of days.</summary>
    private static async Task RunDaysAsync(SandboxWorld world, int days)
    {
        for (var i = 0; i < days * 8; i++)
        {
            world.Time.Advance(TimeSpan.FromHours(3));
            await world.RunCycleAsync();
        }
    }

    private static JsonArray HotSteps(JsonObject definition) =>
        definition["Cadences"]!.AsArray().Single(c => (string?)c!["Id"] == Hot)!["Steps"]!.AsArray();

    /// <summary>A copy of the hot cadence's second call under another id and day.</summary>
    private static JsonObject NewStep(JsonObject definition, string id, int dayOffset)
    {
        var step = HotSteps(definition).Single(s => (string?)s!["Id"] == "call-2")!.DeepClone().AsObject();
        step["Id"] = id;
        step["DayOffset"] = dayOffset;
        return step;
    }

    private static List<string> SyncKeysOf(SandboxWorld world, long contact) =>
        [.. world.HubSpot.Portal.Records("tasks")
            .Where(t => t.Associations.Any(a => a.ToContactId == contact))
            .OrderBy(t => t.Id)
            .Select(t => t.Properties["ccs_sync_key"]!)];
}
