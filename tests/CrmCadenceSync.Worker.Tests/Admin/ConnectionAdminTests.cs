using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.HubSpot.Budget;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary>Connection health through the API: the connector's live state, the budget it counted, sync time and lag.</summary>
public sealed class ConnectionAdminTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(30);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static async Task<JsonObject> ConnectionAsync(HttpClient client, string name) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/connections"))!.Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public async Task A_connection_shows_ok_then_parked_then_needing_re_authorisation_with_its_budget_and_lag()
    {
        using var client = host.Client();
        await host.RunCycleAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var budget = host.App.Services.GetRequiredKeyedService<HubSpotRateBudget>("hubspot");
        var pending = await host.QueryAsync(db => db.Outbox.CountAsync(o => o.Connection == "hubspot" && o.State == OutboxState.Pending));

        var ok = await ConnectionAsync(client, "hubspot");
        budget.Monitor.Park(host.Clock.GetUtcNow().AddHours(2), "the daily API limit is spent");
        var parked = await ConnectionAsync(client, "hubspot");
        budget.Monitor.RequireReauthorisation("the refresh token was revoked");
        var revoked = await ConnectionAsync(client, "hubspot");

        Assert.Equal(("Ok", "ok", "HubSpot"), (ok["state"]!.GetValue<string>(), ok["stateLabel"]!.GetValue<string>(), ok["kind"]!.GetValue<string>()));
        Assert.Equal(budget.Today.Used, ok["budget"]!["used"]!.GetValue<int>());
        Assert.True(budget.Today.Used > 0);
        Assert.Equal("100 calls per 10 s", ok["budget"]!["burst"]!.GetValue<string>());
        Assert.Equal(pending, ok["pendingWrites"]!.GetValue<int>());
        Assert.InRange(ok["lagSeconds"]!.GetValue<double>(), 180, 181);
        Assert.Equal(("parked", "the daily API limit is spent"), (parked["stateLabel"]!.GetValue<string>(), parked["reason"]!.GetValue<string>()));
        Assert.Equal(host.Clock.GetUtcNow().AddHours(2), parked["parkedUntil"]!.GetValue<DateTimeOffset>());
        Assert.Equal(("NeedsReauthorisation", "needs re-authorisation"), (revoked["state"]!.GetValue<string>(), revoked["stateLabel"]!.GetValue<string>()));
    }
}
