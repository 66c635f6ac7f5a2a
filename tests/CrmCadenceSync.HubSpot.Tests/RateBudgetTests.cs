using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Budget;
using CrmCadenceSync.HubSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class RateBudgetTests
{
    private static readonly DateTimeOffset Due = HubSpotHarness.Start.AddDays(1);

    [Fact]
    public async Task Writing_5000_tasks_with_the_portal_limit_equal_to_the_budget_gets_no_429()
    {
        using var harness = new HubSpotHarness(
            s => s.RequestsPer10Seconds = 10,
            new Dictionary<string, string?> { ["RequestsPer10Seconds"] = "10" });
        var connector = await harness.SetUpAsync();
        var started = harness.Time.GetUtcNow();

        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(Activities.Many(5_000, [1001, 1002, 1003], Due), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(5_000, harness.Sandbox.Portal.Records("tasks").Count);
        Assert.Equal(0, harness.Sandbox.TooManyRequests);
        var creates = harness.Requests("/tasks/batch/create");
        Assert.Equal(50, creates.Count);
        Assert.All(creates, c => Assert.Equal(201, c.Status()));
        Assert.All(creates, c => Assert.Equal(100, c.InputCount()));
        // 50 calls at 10 per 10 s need at least four more windows after the first burst: the budget did the pacing.
        Assert.True(harness.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task A_ten_secondly_429_waits_and_retries()
    {
        using var harness = new HubSpotHarness(
            s => s.RequestsPer10Seconds = 5,
            new Dictionary<string, string?> { ["RequestsPer10Seconds"] = "50" });
        var connector = await harness.SetUpAsync();
        var budget = harness.Services.GetRequiredKeyedService<HubSpotRateBudget>(HubSpotHarness.Name);
        var rateLimitedBefore = budget.RateLimitedResponses;

        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(Activities.Many(1_000, [1001], Due), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(1_000, harness.Sandbox.Portal.Records("tasks").Count);
        var statuses = harness.Requests("/tasks/batch/create").Select(e => e.Status()).ToList();
        Assert.Contains(429, statuses);
        Assert.Equal(10, statuses.Count(s => s == 201));
        var rejected = harness.Requests("/tasks/batch/create").First(e => e.Status() == 429);
        Assert.Contains("TEN_SECONDLY_ROLLING", rejected.ResponseMessage!.BodyData!.BodyAsString, StringComparison.Ordinal);

        // The operators' metrics count each 429 the connection received.
        Assert.Equal(statuses.Count(s => s == 429), budget.RateLimitedResponses - rateLimitedBefore);
    }

    [Fact]
    public async Task A_daily_429_parks_the_connection_until_the_reset_instead_of_retrying()
    {
        using var harness = new HubSpotHarness(s => s.DailyLimit = 2);
        using (var raw = new RawHubSpot(harness.Sandbox))
        {
            // Another app on the portal spends today's budget.
            await raw.SendAsync(HttpMethod.Get, "/crm/owners/2026-03");
            await raw.SendAsync(HttpMethod.Get, "/crm/owners/2026-03");
        }

        var parked = await Assert.ThrowsAsync<CrmParkedException>(() => harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None)));

        var midnight = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(midnight, parked.Until);
        Assert.Equal(ConnectionState.Parked, harness.Connector.State);
        Assert.Equal(3, harness.Requests("/crm/owners/2026-03").Count);

        await Assert.ThrowsAsync<CrmParkedException>(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));
        Assert.Equal(3, harness.Requests("/crm/owners/2026-03").Count);

        harness.Time.SetUtcNow(midnight.AddSeconds(1));
        var owners = await harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));
        Assert.NotEmpty(owners);
        Assert.Equal(ConnectionState.Ok, harness.Connector.State);
    }

    [Fact]
    public async Task The_daily_remaining_header_parks_before_HubSpot_has_to_refuse()
    {
        using var harness = new HubSpotHarness(s => s.DailyLimit = 3);
        for (var i = 0; i < 3; i++)
        {
            await harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));
        }

        await Assert.ThrowsAsync<CrmParkedException>(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));

        Assert.Equal(3, harness.Requests("/crm/owners/2026-03").Count);
        Assert.Equal(0, harness.Sandbox.TooManyRequests);
    }

    [Fact]
    public async Task Server_errors_on_reads_are_retried()
    {
        using var harness = new HubSpotHarness();
        harness.Sandbox.Faults.FailNext(2, 502);

        var owners = await harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));

        Assert.NotEmpty(owners);
        Assert.Equal([502, 502, 200], harness.Requests("/crm/owners/2026-03").Select(e => e.Status()));
    }

    [Fact]
    public async Task Retry_after_is_honoured_up_to_the_configured_cap()
    {
        using var harness = new HubSpotHarness(connection: new Dictionary<string, string?> { ["MaxRetryAfter"] = "00:01:00" });
        harness.Sandbox.Faults.FailNext(1, 477, TimeSpan.FromHours(24));
        var started = harness.Time.GetUtcNow();

        await harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));

        // At least the capped minute, far from the 24 hours asked for (the clock also moves while calls are in flight).
        var waited = harness.Time.GetUtcNow() - started;
        Assert.InRange(waited, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));
        Assert.Equal([477, 200], harness.Requests("/crm/owners/2026-03").Select(e => e.Status()));
    }

    [Fact]
    public async Task The_circuit_breaker_stops_calling_a_failing_portal()
    {
        using var harness = new HubSpotHarness();
        harness.Sandbox.Faults.FailNext(1_000, 500);
        Exception? last = null;
        for (var i = 0; i < 5 && last is not BrokenCircuitException; i++)
        {
            // Small clock steps keep the failures inside the breaker's 30-second sampling window however slow the machine.
            last = await Record.ExceptionAsync(() => harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None), TimeSpan.FromMilliseconds(10)));
        }

        Assert.IsType<BrokenCircuitException>(last);
        var sent = harness.Sandbox.Server.LogEntries.Count;
        await Assert.ThrowsAsync<BrokenCircuitException>(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));
        Assert.Equal(sent, harness.Sandbox.Server.LogEntries.Count);
    }
}
