using CrmCadenceSync.Mocks.Salesforce.PubSub;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.ChangeFeed;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.ChangeFeed;

/// <summary>
/// Salesforce changes arriving by Change Data Capture over the Pub/Sub API (the sandbox's in-process gRPC server): the
/// replay id is committed with each batch's inbox rows and the stream resumes from it.
/// </summary>
public sealed class ChangeDataCaptureTests
{
    private const string Lead = ChangeEventLog.LeadTopic;

    [Fact]
    public async Task A_lead_edited_while_the_worker_is_down_arrives_through_CDC_after_the_restart_once_and_nothing_is_read_twice()
    {
        await using var world = await SandboxWorld.StartWithChangeDataCaptureAsync();
        using var feed = new ChangeFeedDriver(world);
        var lead = world.AddSalesforceLead("Ada");
        await feed.StartAsync(subscriptions: 2);

        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "CRO" }, world.Time.GetUtcNow());
        await feed.UntilRowsAsync(1);
        await feed.StopAsync();
        var beforeRestart = feed.Log.Events(Lead)[^1];

        await world.RestartAsync();
        world.Time.Advance(TimeSpan.FromMinutes(10));
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["FirstName"] = "Augusta" }, world.Time.GetUtcNow());
        var second = world.AddSalesforceLead("Grace");
        var whileDown = feed.Log.Events(Lead).Where(e => e.ReplayId > beforeRestart.ReplayId).ToList();

        await feed.StartAsync(subscriptions: 4);
        await feed.UntilRowsAsync(3);
        await feed.StopAsync();

        var resumed = feed.Log.Subscriptions.Last(s => s.Topic == Lead);
        Assert.Equal(("CUSTOM", beforeRestart.ReplayId), (resumed.Preset, resumed.ReplayId!.Value));
        Assert.Equal(whileDown.Select(e => e.EventId), feed.Log.Delivered.Where(d => d.Stream == resumed.Stream).Select(d => d.EventId));
        Assert.Equal(2, whileDown.Count);

        var rows = await feed.ChangeEventRowsAsync();
        Assert.Equal([lead.Id, lead.Id, second.Id], rows.Select(r => r.ContactCrmId));
        Assert.All(rows, r => Assert.Equal(nameof(Core.Crm.InboundEventKind.ContactChanged), r.Kind));
        Assert.Equal(3, rows.Select(r => r.DedupeKey).Distinct().Count());
        Assert.Contains(whileDown[0].EventId, rows[1].DedupeKey, StringComparison.Ordinal);
        Assert.Equal("LastModifiedDate,Name.FirstName", rows[1].PropertyName);
        Assert.Equal(ChangeEventLog.Encode(whileDown[^1].ReplayId), (await feed.PositionAsync(Lead))!.ReplayId);
    }

    [Fact]
    public async Task A_gap_event_re_reads_the_named_records_through_the_REST_API_instead_of_using_the_event()
    {
        await using var world = await SandboxWorld.StartWithChangeDataCaptureAsync();
        using var feed = new ChangeFeedDriver(world);
        var first = world.AddSalesforceLead("Ada");
        var second = world.AddSalesforceLead("Grace");
        await feed.StartAsync(subscriptions: 2);
        world.Salesforce.Server.ResetLogEntries();

        var gap = feed.Log.PublishGap(SalesforceOrgState.Lead, "GAP_UPDATE", first.Id, second.Id);
        await feed.UntilRowsAsync(2);
        await feed.StopAsync();

        var rows = await feed.ChangeEventRowsAsync();
        Assert.All(rows, r => Assert.StartsWith("cdc-gap:", r.DedupeKey, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains(gap.EventId, r.DedupeKey, StringComparison.Ordinal));
        Assert.Equal([first.Id, second.Id], rows.Select(r => r.ContactCrmId).Order());
        Assert.All(rows, r => Assert.Contains("\"FirstName\"", r.ContactJson, StringComparison.Ordinal));
        var reRead = Assert.Single(Soql(world), q => q.Contains("FROM Lead WHERE Id IN", StringComparison.Ordinal));
        Assert.Contains(first.Id, reRead, StringComparison.Ordinal);
        Assert.Contains(second.Id, reRead, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_broken_mid_batch_resumes_from_the_last_committed_replay_id_without_loss_or_duplicates()
    {
        await using var world = await SandboxWorld.StartWithChangeDataCaptureAsync("--Connections:salesforce:ChangeDataCapture:BatchSize=10");
        using var feed = new ChangeFeedDriver(world);
        var lead = world.AddSalesforceLead("Ada");
        await feed.StartAsync(subscriptions: 2);
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "CRO" });
        await feed.UntilRowsAsync(1);
        await feed.StopAsync();

        for (var i = 0; i < 5; i++)
        {
            world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Lead_Score__c"] = 70m + i });
        }

        var batch = feed.Log.Events(Lead).TakeLast(5).ToList();
        feed.Log.MaxEventsPerResponse = 2;
        feed.Log.BreakStreamAfter(1);
        await feed.StartAsync(subscriptions: 5);
        await feed.UntilRowsAsync(6);
        await feed.StopAsync();

        var leadStreams = feed.Log.Subscriptions.Where(s => s.Topic == Lead).ToList();
        Assert.Equal(batch[1].ReplayId, leadStreams[^1].ReplayId);
        var deliveredAfterStop = feed.Log.Delivered.Where(d => d.Stream >= leadStreams[^2].Stream).Select(d => d.EventId).ToList();
        Assert.Equal(batch.Select(e => e.EventId), deliveredAfterStop);

        var rows = await feed.ChangeEventRowsAsync();
        Assert.Equal(6, rows.Count);
        Assert.Equal(batch.Select(e => e.EventId), rows[1..].Select(r => r.DedupeKey.Split(':')[2]));
        Assert.Equal(ChangeEventLog.Encode(batch[^1].ReplayId), (await feed.PositionAsync(Lead))!.ReplayId);
    }

    [Fact]
    public async Task A_replay_id_past_the_retention_window_falls_back_to_the_poll_then_subscribes_from_the_latest_event()
    {
        await using var world = await SandboxWorld.StartWithChangeDataCaptureAsync();
        using var feed = new ChangeFeedDriver(world);
        var lead = world.AddSalesforceLead("Ada");
        await feed.StartAsync(subscriptions: 2);
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "CRO" }, world.Time.GetUtcNow());
        await feed.UntilRowsAsync(1);
        await feed.StopAsync();
        var stored = feed.Log.Events(Lead)[^1];

        world.Time.Advance(TimeSpan.FromHours(73));
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "CEO" }, world.Time.GetUtcNow());
        await feed.StartAsync(subscriptions: 5);
        await feed.StopAsync();

        var leadStreams = feed.Log.Subscriptions.Where(s => s.Topic == Lead).Select(s => (s.Preset, s.ReplayId)).ToList();
        Assert.Equal([("LATEST", null), ("CUSTOM", stored.ReplayId), ("LATEST", null)], leadStreams);
        var polled = await world.QueryAsync(db => Task.FromResult(db.InboxEvents.Where(e => e.DedupeKey.StartsWith("poll:") && e.ContactCrmId == lead.Id).ToList()));
        var row = Assert.Single(polled);
        Assert.Contains("\"CEO\"", row.ContactJson, StringComparison.Ordinal);
        Assert.Null(await feed.PositionAsync(Lead));
        var status = world.Services.GetRequiredService<ChangeFeedStatus>().Streams.Single(s => s.Topic == Lead);
        Assert.Contains("replayid.corrupted", status.LastError, StringComparison.Ordinal);
    }

    private static List<string> Soql(SandboxWorld world) =>
        [.. world.Salesforce.Server.LogEntries
            .Select(e => e.RequestMessage!)
            .Where(r => r.Path.EndsWith("/query", StringComparison.Ordinal) && r.Query is not null)
            .Select(r => r.Query!["q"].First())];
}
