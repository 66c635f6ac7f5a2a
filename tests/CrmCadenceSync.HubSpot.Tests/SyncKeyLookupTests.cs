using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Setup;
using CrmCadenceSync.HubSpot.Tests.Support;

namespace CrmCadenceSync.HubSpot.Tests;

/// <summary>
/// A record whose earlier send has an unknown outcome is looked up by its sync key before anything is created, on a
/// portal that enforces the key's uniqueness on activities and on one that does not (HubSpot does not document it).
/// </summary>
public sealed class SyncKeyLookupTests
{
    private static readonly DateTimeOffset Due = HubSpotHarness.Start.AddDays(1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_record_sent_before_a_crash_is_found_by_its_sync_key_and_not_created_again(bool enforced)
    {
        using var harness = new HubSpotHarness(sandbox => sandbox.EnforceActivityUniqueness = enforced);
        var connector = await harness.SetUpAsync();
        var activities = Activities.Many(30, [1001, 1002], Due);
        var first = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));
        harness.Time.Advance(TimeSpan.FromMinutes(10));

        var again = await harness.RunAsync(() => connector.WriteActivitiesAsync(
            [.. activities.Select(a => a with { AttemptedAt = HubSpotHarness.Start })], CancellationToken.None));

        Assert.All(again, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(first.Select(r => r.CrmId), again.Select(r => r.CrmId));
        var tasks = harness.Sandbox.Portal.Records("tasks");
        Assert.Equal(30, tasks.Count);
        Assert.Single(harness.Requests("/tasks/batch/create"));
        Assert.Equal(enforced ? 0 : 1, harness.Requests("/tasks/search").Count);
    }

    [Fact]
    public async Task On_a_portal_without_unique_sync_keys_a_record_search_cannot_see_yet_waits_out_the_index_lag()
    {
        using var harness = new HubSpotHarness(
            sandbox => (sandbox.EnforceActivityUniqueness, sandbox.SearchLag) = (false, TimeSpan.FromMinutes(1)),
            new Dictionary<string, string?> { ["SearchIndexLag"] = "00:02:00" });
        var connector = await harness.SetUpAsync();
        var activities = Activities.Many(20, [1001], Due);
        var sentAt = harness.Time.GetUtcNow();
        await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));
        var retried = activities.Select(a => a with { AttemptedAt = sentAt }).ToList();

        var tooSoon = await harness.RunAsync(() => connector.WriteActivitiesAsync(retried, CancellationToken.None));
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var later = await harness.RunAsync(() => connector.WriteActivitiesAsync(retried, CancellationToken.None));

        Assert.All(tooSoon, r => Assert.Equal((false, "AWAITING_SEARCH_INDEX", sentAt.AddMinutes(2)), (r.Error!.IsPermanent, r.Error.Code, r.Error.RetryAt)));
        Assert.All(later, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(20, harness.Sandbox.Portal.Records("tasks").Count);
        Assert.Single(harness.Requests("/tasks/batch/create"));
    }

    [Fact]
    public async Task On_a_portal_without_unique_sync_keys_a_timeout_after_the_store_does_not_duplicate()
    {
        using var harness = new HubSpotHarness(
            sandbox => sandbox.EnforceActivityUniqueness = false,
            new Dictionary<string, string?> { ["RequestTimeout"] = "00:00:05", ["SearchIndexLag"] = "00:00:01" });
        var connector = await harness.SetUpAsync();
        harness.Sandbox.Faults.TimeoutAfterStore();
        var activities = Activities.Many(150, [1001, 1002], Due);

        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None), TimeSpan.FromMilliseconds(10));

        Assert.True(harness.Sandbox.Faults.TimeoutHeld.IsCompleted);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        var tasks = harness.Sandbox.Portal.Records("tasks");
        Assert.Equal(150, tasks.Count);
        Assert.Equal(150, tasks.Select(t => t[HubSpotCustomProperties.SyncKey]).Distinct().Count());
        Assert.Equal(tasks.Select(t => t.Id.ToString(CultureInfo.InvariantCulture)).Order(), results.Select(r => r.CrmId!).Order());
        Assert.NotEmpty(harness.Requests("/tasks/search"));
    }

    [Fact]
    public async Task A_portal_that_does_not_enforce_the_sync_key_stores_a_duplicate()
    {
        using var harness = new HubSpotHarness(sandbox => sandbox.EnforceActivityUniqueness = false);
        var connector = await harness.SetUpAsync();
        var activities = Activities.Many(5, [1001], Due);

        await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));
        await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));

        // What the worker guards against: sent blindly a second time, every record is there twice.
        Assert.Equal(10, harness.Sandbox.Portal.Records("tasks").Count);
    }
}
