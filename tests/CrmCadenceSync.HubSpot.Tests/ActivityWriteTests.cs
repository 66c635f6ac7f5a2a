using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Setup;
using CrmCadenceSync.HubSpot.Tests.Support;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class ActivityWriteTests
{
    private static readonly DateTimeOffset Due = HubSpotHarness.Start.AddDays(1);

    [Fact]
    public async Task Setup_creates_our_properties_once()
    {
        using var harness = new HubSpotHarness();

        var first = await harness.RunAsync(() => harness.Connector.SetupAsync(CancellationToken.None));
        var second = await harness.RunAsync(() => harness.Connector.SetupAsync(CancellationToken.None));

        Assert.Equal(8, first.Count);
        Assert.Contains("tasks.ccs_sync_key", first);
        Assert.Contains("contacts.ccs_next_touch_at", first);
        Assert.Contains("contacts.ccs_cadence_step", first);
        Assert.Empty(second);
        var propertyCreates = harness.Sandbox.Server.LogEntries
            .Where(e => e.RequestMessage!.Method == "POST" && e.RequestMessage.Path.StartsWith("/crm/properties/2026-03/", StringComparison.Ordinal)
                && !e.RequestMessage.Path.EndsWith("/groups", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(8, propertyCreates.Count);
        Assert.All(propertyCreates, e => Assert.Equal(201, e.Status()));
    }

    [Fact]
    public async Task Writes_go_in_batches_of_at_most_100_with_the_right_association_type_ids()
    {
        using var harness = new HubSpotHarness();
        var connector = await harness.SetUpAsync();
        List<CrmActivity> activities =
        [
            .. Activities.Many(250, [1001, 1002, 1003], Due),
            .. Activities.Many(30, [1004], Due, kind: CrmActivityKind.LoggedEmail),
            .. Activities.Many(20, [1005], Due, kind: CrmActivityKind.Note),
        ];

        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(activities.Select(a => a.IdempotencyKey), results.Select(r => r.IdempotencyKey));
        var creates = harness.Requests("/batch/create");
        Assert.Equal([100, 100, 50, 30, 20], creates.Select(c => c.InputCount()));
        AssertAssociations(harness, "/tasks/batch/create", 204);
        AssertAssociations(harness, "/emails/batch/create", 198);
        AssertAssociations(harness, "/notes/batch/create", 202);
        var tasks = harness.Sandbox.Portal.Records("tasks");
        Assert.Equal(250, tasks.Count);
        var stored = tasks.ToDictionary(t => t[HubSpotCustomProperties.SyncKey]!, t => t);
        foreach (var (activity, result) in activities.Take(250).Zip(results))
        {
            var record = stored[activity.IdempotencyKey];
            Assert.Equal(record.Id.ToString(CultureInfo.InvariantCulture), result.CrmId);
            Assert.Equal(activity.ContactCrmId, record.Associations.Single().ToContactId.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(activity.DueAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), record["hs_timestamp"]);
            Assert.Equal("CALL", record["hs_task_type"]);
            Assert.Equal("HIGH", record["hs_task_priority"]);
        }
    }

    [Fact]
    public async Task Writing_the_same_keys_again_creates_nothing_new()
    {
        using var harness = new HubSpotHarness();
        var connector = await harness.SetUpAsync();
        var activities = Activities.Many(120, [1001, 1002], Due);

        var first = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));
        var second = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.Equal(120, harness.Sandbox.Portal.Records("tasks").Count);
        Assert.Equal(first.Select(r => r.CrmId), second.Select(r => r.CrmId));
        Assert.All(second, r => Assert.True(r.Succeeded));
        Assert.Equal(2, harness.Requests("/tasks/batch/read").Count);
    }

    [Fact]
    public async Task A_timeout_after_the_store_does_not_duplicate()
    {
        using var harness = new HubSpotHarness(connection: new Dictionary<string, string?> { ["RequestTimeout"] = "00:00:05" });
        var connector = await harness.SetUpAsync();
        harness.Sandbox.Faults.TimeoutAfterStore();
        var activities = Activities.Many(150, [1001, 1002], Due);

        // Small clock steps: only the held answer should outlast the 5-second attempt timeout.
        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None), TimeSpan.FromMilliseconds(10));

        Assert.True(harness.Sandbox.Faults.TimeoutHeld.IsCompleted);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        var tasks = harness.Sandbox.Portal.Records("tasks");
        Assert.Equal(150, tasks.Count);
        Assert.Equal(150, tasks.Select(t => t[HubSpotCustomProperties.SyncKey]).Distinct().Count());
        Assert.Equal(tasks.Select(t => t.Id.ToString(CultureInfo.InvariantCulture)).Order(), results.Select(r => r.CrmId!).Order());
        var lookups = harness.Requests("/tasks/batch/read");
        Assert.NotEmpty(lookups);
        Assert.All(lookups, l => Assert.Equal(HubSpotCustomProperties.SyncKey, l.Json()["idProperty"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_5xx_on_create_is_resolved_by_lookup_not_by_blind_retry()
    {
        using var harness = new HubSpotHarness();
        var connector = await harness.SetUpAsync();
        harness.Sandbox.Faults.FailNext(1, 503);
        var activities = Activities.Many(40, [1001], Due);

        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(40, harness.Sandbox.Portal.Records("tasks").Count);
        Assert.Equal([503, 201], harness.Requests("/tasks/batch/create").Select(e => e.Status()));
        Assert.Single(harness.Requests("/tasks/batch/read"));
    }

    [Fact]
    public async Task A_validation_error_dead_letters_one_record_and_writes_the_others()
    {
        using var harness = new HubSpotHarness();
        var connector = await harness.SetUpAsync();
        var activities = Activities.Many(10, [1001, 1002], Due);
        activities[3] = Activities.Task("bad", 999_999, Due);

        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));

        var failed = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal("bad", failed.IdempotencyKey);
        Assert.True(failed.Error!.IsPermanent);
        Assert.Equal("VALIDATION_ERROR", failed.Error.Code);
        Assert.Contains("999999", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(9, harness.Sandbox.Portal.Records("tasks").Count);
        Assert.Single(harness.Requests("/tasks/batch/create"));
    }

    [Fact]
    public async Task Without_setup_HubSpot_refuses_the_unknown_sync_key_property_permanently()
    {
        using var harness = new HubSpotHarness();

        var results = await harness.RunAsync(() => harness.Connector.WriteActivitiesAsync(Activities.Many(3, [1001], Due), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Error is { IsPermanent: true } && r.Error.Message.Contains(HubSpotCustomProperties.SyncKey, StringComparison.Ordinal)));
        Assert.Empty(harness.Sandbox.Portal.Records("tasks"));
    }

    [Fact]
    public async Task Contact_status_is_written_in_batches()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 150);
        var connector = await harness.SetUpAsync();
        var statuses = Enumerable.Range(1001, 150)
            .Select(id => new ContactStatus($"status:{id}", id.ToString(CultureInfo.InvariantCulture), Core.Contacts.ContactRecordType.Contact, "Hot", "hot-9-touch-14-day", "Active", Due, "2 of 9: LinkedIn (linkedin-connect)"))
            .Append(new ContactStatus("status:missing", "999999", Core.Contacts.ContactRecordType.Contact, "Hot", "hot", "Active", null))
            .ToList();

        var results = await harness.RunAsync(() => connector.WriteContactStatusAsync(statuses, CancellationToken.None));

        Assert.Equal(150, results.Count(r => r.Succeeded));
        Assert.Equal("status:missing", Assert.Single(results, r => !r.Succeeded).IdempotencyKey);
        Assert.Equal([100, 51], harness.Requests("/contacts/batch/update").Select(e => e.InputCount()));
        Assert.Equal("Hot", harness.Sandbox.Portal.Find("contacts", 1100)![HubSpotCustomProperties.Segment]);
        Assert.Equal("2 of 9: LinkedIn (linkedin-connect)", harness.Sandbox.Portal.Find("contacts", 1100)![HubSpotCustomProperties.CadenceStep]);
    }

    private static void AssertAssociations(HubSpotHarness harness, string path, int typeId)
    {
        var associations = harness.Requests(path)
            .SelectMany(e => e.Json()["inputs"]!.AsArray())
            .SelectMany(i => i!["associations"]!.AsArray())
            .SelectMany(a => a!["types"]!.AsArray())
            .ToList();
        Assert.NotEmpty(associations);
        Assert.All(associations, t =>
        {
            Assert.Equal("HUBSPOT_DEFINED", t!["associationCategory"]!.GetValue<string>());
            Assert.Equal(typeId, t["associationTypeId"]!.GetValue<int>());
        });
    }
}
