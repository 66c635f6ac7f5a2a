using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Worker.Rules;
using CrmCadenceSync.Worker.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary>The rule-set API on the real worker host over the sandboxes: validate, preview, activate, history, rollback.</summary>
public sealed class RuleAdminTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(150);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private RuleSetProvider Provider => host.App.Services.GetRequiredService<RuleSetProvider>();

    private static async Task<JsonObject> ActiveDefinitionAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/rules"))!["definition"]!.AsObject();

    /// <summary>Hot from 75 instead of 70, Warm up to 75.</summary>
    private static JsonObject Raised(JsonObject definition)
    {
        var candidate = definition.DeepClone().AsObject();
        candidate["Segments"]![0]!["MinScore"] = 75;
        candidate["Segments"]![1]!["MaxScore"] = 75;
        return candidate;
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task An_overlapping_band_is_refused_naming_both_segments_and_the_old_rule_set_stays_active()
    {
        using var client = host.Client();
        var before = await client.GetFromJsonAsync<JsonObject>("/api/rules");
        var overlapping = before!["definition"]!.DeepClone().AsObject();
        overlapping["Segments"]![1]!["MinScore"] = 40;
        var counts = await host.RowCountsAsync();

        var validated = await client.PostAsJsonAsync("/api/rules/validate", overlapping);
        var activated = await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = overlapping, author = "Dana" });
        var problem = await ProblemAsync(activated);

        const string expected = "Segments 'Warm' and 'Nurture' overlap on scores [40, 50) under the same filters; a contact there would only ever reach 'Warm'.";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, validated.StatusCode);
        Assert.Equal("application/problem+json", validated.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (await ProblemAsync(validated))["errors"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, activated.StatusCode);
        Assert.Equal([expected], problem["errors"]!.AsArray().Select(e => e!.GetValue<string>()));
        var after = await client.GetFromJsonAsync<JsonObject>("/api/rules");
        Assert.Equal(before["version"]!.GetValue<int>(), after!["version"]!.GetValue<int>());
        Assert.Equal(before["version"]!.GetValue<int>(), Provider.Current.Version);
        Assert.Equal(70m, Provider.Current.Rules.FindSegment("Warm")!.MaxScore);
        Assert.Equal(counts, await host.RowCountsAsync());
    }

    [Fact]
    public async Task A_rule_set_activated_through_one_instance_runs_on_another_sharing_the_store_from_its_next_check()
    {
        await using var other = await host.SecondInstanceAsync();
        var otherRules = other.App.Services.GetRequiredService<RuleSetProvider>();
        var before = otherRules.Current.Version;
        using var client = host.Client();

        var activated = await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = Raised(await ActiveDefinitionAsync(client)), author = "Dana" });
        var beforeCheck = otherRules.Current.Version;
        await using var scope = other.App.Services.CreateAsyncScope();
        var followed = await scope.ServiceProvider.GetRequiredService<ActiveRuleSetFollower>().FollowAsync(CancellationToken.None);
        var scheduler = await other.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.Equal(HttpStatusCode.Created, activated.StatusCode);
        Assert.Equal(before, beforeCheck);
        Assert.Equal((before + 1, before + 1), (Provider.Current.Version, followed));
        Assert.Equal(before + 1, otherRules.Current.Version);
        Assert.Equal(75m, otherRules.Current.Rules.FindSegment("Warm")!.MaxScore);
        Assert.NotNull(await scheduler.GetJobDetail(FollowActiveRuleSetJob.Key));
    }

    [Fact]
    public async Task A_malformed_or_mistyped_rule_set_gets_an_error_that_says_where()
    {
        using var client = host.Client();
        var candidate = (await ActiveDefinitionAsync(client)).DeepClone().AsObject();
        candidate["Segments"]![0]!["MinScor"] = 75;

        var mistyped = await client.PostAsJsonAsync("/api/rules/validate", candidate);
        var broken = await client.PostAsync("/api/rules/validate", new StringContent("{ \"Segments\": [", System.Text.Encoding.UTF8, "application/json"));

        var detail = (await ProblemAsync(mistyped))["detail"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mistyped.StatusCode);
        Assert.Contains("MinScor", detail, StringComparison.Ordinal);
        Assert.Contains("$.Segments[0]", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.StartsWith("The rule set is not valid JSON", (await ProblemAsync(broken))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_candidate_previews_exact_counts_without_writing_then_activates_and_appears_in_history()
    {
        using var client = host.Client();
        var candidate = Raised(await ActiveDefinitionAsync(client));
        var scores = await host.QueryAsync(db => db.Contacts.AsNoTracking().Select(c => c.LeadScore).ToListAsync());
        var counts = await host.RowCountsAsync();

        var previewResponse = await client.PostAsJsonAsync("/api/rules/preview", candidate);
        var preview = (await previewResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var countsAfterPreview = await host.RowCountsAsync();

        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        Assert.Equal(counts, countsAfterPreview);
        var segments = preview["segments"]!.AsArray().ToDictionary(s => s!["segment"]!.GetValue<string>(), s => (s!["active"]!.GetValue<int>(), s["candidate"]!.GetValue<int>()));
        Assert.Equal((scores.Count(s => s >= 70), scores.Count(s => s >= 75)), segments["Hot"]);
        Assert.Equal((scores.Count(s => s is >= 50 and < 70), scores.Count(s => s is >= 50 and < 75)), segments["Warm"]);
        Assert.Equal((scores.Count(s => s < 50), scores.Count(s => s < 50)), segments["Nurture"]);
        var moving = scores.Count(s => s is >= 70 and < 75);
        Assert.True(moving > 0, "The sandbox should hold contacts scored 70 to 74.");
        Assert.Equal(moving, preview["moves"]!["total"]!.GetValue<int>());
        var transition = Assert.Single(preview["moves"]!["transitions"]!.AsArray());
        Assert.Equal(("Hot", "Warm", moving), (transition!["from"]!.GetValue<string>(), transition["to"]!.GetValue<string>(), transition["contacts"]!.GetValue<int>()));
        Assert.Equal(scores.Count, preview["contacts"]!.GetValue<int>());
        Assert.Equal(14, preview["forecast"]!["days"]!.AsArray().Count);
        Assert.Equal("2026-11-23", preview["forecast"]!["days"]![0]!.GetValue<string>());
        Assert.NotEmpty(preview["forecast"]!["reps"]!.AsArray());

        var activated = await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = candidate, author = "Dana" });
        var version = (await activated.Content.ReadFromJsonAsync<JsonObject>())!;
        var history = (await client.GetFromJsonAsync<JsonArray>("/api/rules/history"))!;

        Assert.Equal(HttpStatusCode.Created, activated.StatusCode);
        Assert.Equal(2, version["version"]!.GetValue<int>());
        Assert.Equal((2, 75m), (Provider.Current.Version, Provider.Current.Rules.FindSegment("Hot")!.MinScore!.Value));
        Assert.Equal([2, 1], history.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("Dana (loopback)", history[0]!["author"]!.GetValue<string>());
        Assert.Equal("segment Hot: MinScore 70 -> 75; segment Warm: MaxScore 70 -> 75; open enrollments move by step id", history[0]!["changeSummary"]!.GetValue<string>());
        Assert.True(history[0]!["active"]!.GetValue<bool>());
        Assert.False(history[1]!["active"]!.GetValue<bool>());
        var audit = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().SingleAsync());
        Assert.Equal(("loopback", "rules.activate", "v2"), (audit.Actor, audit.Action, audit.Target));
    }

    [Fact]
    public async Task Rollback_makes_the_earlier_definition_a_new_active_version_and_keeps_the_history()
    {
        using var client = host.Client();
        var original = await client.GetFromJsonAsync<JsonObject>("/api/rules");
        await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = Raised(original!["definition"]!.AsObject()) });

        var rolledBack = await client.PostAsync("/api/rules/rollback/1", null);
        var active = await client.GetFromJsonAsync<JsonObject>("/api/rules");
        var history = (await client.GetFromJsonAsync<JsonArray>("/api/rules/history"))!;
        var missing = await client.PostAsync("/api/rules/rollback/9", null);

        Assert.Equal(HttpStatusCode.Created, rolledBack.StatusCode);
        Assert.Equal(3, active!["version"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(original["definition"], active["definition"]));
        Assert.Equal((3, 70m), (Provider.Current.Version, Provider.Current.Rules.FindSegment("Hot")!.MinScore!.Value));
        Assert.Equal([3, 2, 1], history.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("Rolled back to version 1: segment Hot: MinScore 75 -> 70; segment Warm: MaxScore 75 -> 70; open enrollments move by step id", history[0]!["changeSummary"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_rule_set_activated_through_the_API_survives_a_restart_until_appsettings_itself_changes()
    {
        using (var client = host.Client())
        {
            await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = Raised(await ActiveDefinitionAsync(client)) });
        }

        host = await host.RestartAsync();
        var afterRestart = Provider.Current;
        host = await host.RestartAsync("--Policies:RepDailyTaskCap=40");
        using var after = host.Client();
        var history = (await after.GetFromJsonAsync<JsonArray>("/api/rules/history"))!;

        Assert.Equal((2, 75m), (afterRestart.Version, afterRestart.Rules.FindSegment("Hot")!.MinScore!.Value));
        Assert.Equal((3, 40, 70m), (Provider.Current.Version, Provider.Current.Rules.Policies.RepDailyTaskCap, Provider.Current.Rules.FindSegment("Hot")!.MinScore!.Value));
        Assert.Equal(RuleSetSeeder.ConfigurationAuthor, history[0]!["author"]!.GetValue<string>());
        Assert.StartsWith("Changed in configuration: ", history[0]!["changeSummary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("policies: RepDailyTaskCap 60 -> 40", history[0]!["changeSummary"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
