using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.PubSub;
using CrmCadenceSync.Worker.ChangeFeed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.ChangeFeed;

/// <summary>Stream faults are classified: transient ones reconnect after a backoff on the clock, refused credentials park the connection; both show on /health.</summary>
public sealed class ChangeFeedFaultTests
{
    private const string Lead = ChangeEventLog.LeadTopic;

    [Fact]
    public async Task A_stream_that_fails_before_delivering_reconnects_after_the_backoff_and_shows_it_meanwhile()
    {
        await using var world = await SandboxWorld.StartWithChangeDataCaptureAsync("--Connections:salesforce:ChangeDataCapture:ReconnectDelay=00:00:10");
        using var feed = new ChangeFeedDriver(world);
        var lead = world.AddSalesforceLead("Ada");
        await feed.StartAsync(subscriptions: 2);
        var status = world.Services.GetRequiredService<ChangeFeedStatus>();
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "CRO" });
        await feed.UntilRowsAsync(1);
        var committed = feed.Log.Events(Lead)[^1];

        // The stream that delivered reconnects at once; the new one fails before delivering anything and waits out the backoff.
        feed.Log.BreakStreamAfter(0, times: 2);
        world.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "CEO" });
        // The second Lead stream has opened (it marks itself connecting first) and failed: it now waits on the clock.
        await feed.UntilAsync(
            () => Task.FromResult(feed.Log.Subscriptions.Count(s => s.Topic == Lead) == 2
                && status.Streams.Single(s => s.Topic == Lead).State == ChangeFeedStreamState.Reconnecting),
            "the reconnected stream failing too");
        var waiting = status.Streams.Single(s => s.Topic == Lead);
        var subscriptionsWhileWaiting = feed.Log.Subscriptions.Count;
        var failedAt = world.Time.GetUtcNow();

        await feed.UntilAsync(
            async () =>
            {
                if ((await feed.ChangeEventRowsAsync()).Count >= 2)
                {
                    return true;
                }

                world.Time.Advance(TimeSpan.FromSeconds(1));
                return false;
            },
            "the event after the backoff");
        await feed.StopAsync();

        Assert.True(world.Time.GetUtcNow() > failedAt, "The stream reconnected without waiting for the backoff.");
        Assert.Contains("Unavailable", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(3, subscriptionsWhileWaiting);
        var resumed = feed.Log.Subscriptions.Last(s => s.Topic == Lead);
        Assert.Equal(("CUSTOM", committed.ReplayId), (resumed.Preset, resumed.ReplayId!.Value));
        Assert.Equal(2, (await feed.ChangeEventRowsAsync()).Count);
        Assert.Equal(2, feed.Log.Delivered.Count);
    }

    [Fact]
    public async Task Refused_credentials_put_the_connection_in_re_authorisation_and_health_shows_the_stream_waiting()
    {
        await using var world = await SandboxWorld.StartWithChangeDataCaptureAsync();
        using (var feed = new ChangeFeedDriver(world))
        {
            await feed.StartAsync(subscriptions: 2);
            await feed.StopAsync();

            world.Salesforce.Org.ExpireSessions();
            world.Salesforce.Org.RevokeGrants();
            await feed.StartAsync(subscriptions: 2);
            var status = world.Services.GetRequiredService<ChangeFeedStatus>();
            await feed.UntilAsync(() => Task.FromResult(status.Streams.All(s => s.State == ChangeFeedStreamState.NeedsReauthorisation)), "both streams waiting for re-authorisation");
            await feed.StopAsync();

            var lead = status.Streams.Single(s => s.Topic == Lead);
            Assert.Contains("Unauthenticated", lead.LastError, StringComparison.Ordinal);
            Assert.Contains("invalid_grant", lead.LastError, StringComparison.Ordinal);
            var connection = await world.QueryAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Name == "salesforce"));
            Assert.Equal("NeedsReauthorisation", connection.State);
        }

        var app = await world.StartServiceAsync("--Connections:hubspot:Enabled=false");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            JsonObject? body = null;
            await new ChangeFeedDriver(world).UntilAsync(
                async () =>
                {
                    body = await client.GetFromJsonAsync<JsonObject>(new Uri("/health", UriKind.Relative));
                    return body!["changeDataCapture"]!.AsArray().Count == 2
                        && body["changeDataCapture"]!.AsArray().All(s => s!["state"]!.GetValue<string>() == "NeedsReauthorisation");
                },
                "/health showing both streams waiting for re-authorisation");
            Assert.Equal("degraded", body!["status"]!.GetValue<string>());
            Assert.All(body["changeDataCapture"]!.AsArray(), s => Assert.Contains("invalid_grant", s!["lastError"]!.GetValue<string>(), StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
