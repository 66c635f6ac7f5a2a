using System.Text.Json.Nodes;
using CrmCadenceSync.HubSpot.Setup;
using CrmCadenceSync.HubSpot.Tests.Support;
using CrmCadenceSync.Mocks.HubSpot;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class SandboxTests
{
    private const string TaskWithoutTimestamp =
        """{"inputs":[{"properties":{"hs_task_subject":"Call"},"associations":[{"to":{"id":"1001"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":204}]}],"objectWriteTraceId":"t1"}]}""";

    [Fact]
    public async Task A_task_without_hs_timestamp_is_refused_as_HubSpot_does()
    {
        using var sandbox = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 3 });
        using var raw = new RawHubSpot(sandbox);

        var (status, body, _) = await raw.SendAsync(HttpMethod.Post, "/crm/objects/2026-03/tasks/batch/create", TaskWithoutTimestamp);

        Assert.Equal(400, status);
        var error = JsonNode.Parse(body)!;
        Assert.Equal("VALIDATION_ERROR", error["category"]!.GetValue<string>());
        Assert.Contains("hs_timestamp is required", error["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("t1", error["errors"]![0]!["context"]!["objectWriteTraceId"]![0]!.GetValue<string>());
        Assert.Empty(sandbox.Portal.Records("tasks"));
    }

    [Fact]
    public async Task A_wrong_association_type_and_an_oversized_batch_are_refused()
    {
        using var sandbox = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 3 });
        using var raw = new RawHubSpot(sandbox);
        var wrongType = TaskWithoutTimestamp.Replace("\"hs_task_subject\":\"Call\"", "\"hs_timestamp\":\"1700000000000\"", StringComparison.Ordinal)
            .Replace("204", "198", StringComparison.Ordinal);
        var oversized = new JsonObject { ["inputs"] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => (JsonNode)new JsonObject())]) };

        var (wrongStatus, wrongBody, _) = await raw.SendAsync(HttpMethod.Post, "/crm/objects/2026-03/tasks/batch/create", wrongType);
        var (bigStatus, _, _) = await raw.SendAsync(HttpMethod.Post, "/crm/objects/2026-03/tasks/batch/create", oversized.ToJsonString());

        Assert.Equal(400, wrongStatus);
        Assert.Contains("expected HUBSPOT_DEFINED/204", wrongBody, StringComparison.Ordinal);
        Assert.Equal(400, bigStatus);
    }

    [Fact]
    public async Task Search_refuses_to_page_past_10000_results()
    {
        using var sandbox = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 3 });
        using var raw = new RawHubSpot(sandbox);

        var (status, body, _) = await raw.SendAsync(HttpMethod.Post, "/crm/objects/2026-03/contacts/search", """{"filterGroups":[],"limit":100,"after":"9950"}""");

        Assert.Equal(400, status);
        Assert.Contains("10,000", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rate_limit_answers_with_HubSpots_429_body_and_headers()
    {
        using var sandbox = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 3, RequestsPer10Seconds = 2, DailyLimit = 1000 });
        using var raw = new RawHubSpot(sandbox);

        var first = await raw.SendAsync(HttpMethod.Get, "/crm/owners/2026-03");
        await raw.SendAsync(HttpMethod.Get, "/crm/owners/2026-03");
        var (status, body, headers) = await raw.SendAsync(HttpMethod.Get, "/crm/owners/2026-03");

        Assert.Equal("1", first.Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single());
        Assert.Equal("999", first.Headers.GetValues("X-HubSpot-RateLimit-Daily-Remaining").Single());
        Assert.Equal(429, status);
        var error = JsonNode.Parse(body)!;
        Assert.Equal("RATE_LIMIT", error["errorType"]!.GetValue<string>());
        Assert.Equal("TEN_SECONDLY_ROLLING", error["policyName"]!.GetValue<string>());
        Assert.Equal("2", headers.GetValues("X-HubSpot-RateLimit-Max").Single());
        Assert.Equal("0", headers.GetValues("X-HubSpot-RateLimit-Remaining").Single());
        Assert.Equal("10000", headers.GetValues("X-HubSpot-RateLimit-Interval-Milliseconds").Single());
    }

    [Fact]
    public void The_seeded_portal_is_deterministic_and_realistic()
    {
        using var a = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 500, Seed = 7 });
        using var b = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 500, Seed = 7 });

        var contacts = a.Portal.Records("contacts");
        Assert.Equal(contacts.Select(c => c["hubspotscore"]), b.Portal.Records("contacts").Select(c => c["hubspotscore"]));
        var scores = contacts.Select(c => c["hubspotscore"]).OfType<string>().Select(decimal.Parse).ToList();
        Assert.InRange(contacts.Count(c => c["hubspotscore"] is null), 20, 80);
        Assert.InRange(scores.Count(s => s >= 70), 40, 200);
        Assert.InRange(scores.Count(s => s < 50), 200, 400);
        Assert.Contains(contacts, c => c["hs_timezone"] == "america_slash_new_york");
        Assert.Contains(contacts, c => c["hs_email_optout"] == "true");
        Assert.Contains(contacts, c => c["hs_email_hard_bounce_reason_enum"] is not null);
        Assert.Equal(8, a.Portal.Owners.Count);
    }

    [Fact]
    public async Task Created_tasks_can_be_read_back_and_found_by_sync_key_once_indexed()
    {
        using var harness = new HubSpotHarness(s => s.SearchLag = TimeSpan.FromSeconds(5));
        var connector = await harness.SetUpAsync();
        await harness.RunAsync(() => connector.WriteActivitiesAsync([Activities.Task("find-me", 1001, HubSpotHarness.Start)], CancellationToken.None));
        using var raw = new RawHubSpot(harness.Sandbox);
        var search = $$"""{"filterGroups":[{"filters":[{"propertyName":"{{HubSpotCustomProperties.SyncKey}}","operator":"EQ","value":"find-me"}]}],"properties":["{{HubSpotCustomProperties.SyncKey}}"],"limit":10}""";

        var before = JsonNode.Parse((await raw.SendAsync(HttpMethod.Post, "/crm/objects/2026-03/tasks/search", search)).Body)!;
        harness.Time.Advance(TimeSpan.FromSeconds(6));
        var after = JsonNode.Parse((await raw.SendAsync(HttpMethod.Post, "/crm/objects/2026-03/tasks/search", search)).Body)!;
        var read = JsonNode.Parse((await raw.SendAsync(
            HttpMethod.Post,
            "/crm/objects/2026-03/tasks/batch/read",
            $$"""{"idProperty":"{{HubSpotCustomProperties.SyncKey}}","inputs":[{"id":"find-me"}],"properties":["hs_task_subject"]}""")).Body)!;

        Assert.Equal(0, before["total"]!.GetValue<int>());
        Assert.Equal(1, after["total"]!.GetValue<int>());
        Assert.Equal("Call 1001", read["results"]![0]!["properties"]!["hs_task_subject"]!.GetValue<string>());
    }
}
