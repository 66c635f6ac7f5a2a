using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Tests.Support;
using CrmCadenceSync.Mocks.HubSpot;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class AuthTests
{
    private static readonly HubSpotSandboxOptions Defaults = new();

    private static Dictionary<string, string?> OAuth() => new()
    {
        ["AccessToken"] = "",
        ["ClientId"] = Defaults.ClientId,
        ["ClientSecret"] = Defaults.ClientSecret,
        ["RefreshToken"] = Defaults.RefreshToken,
    };

    [Fact]
    public async Task OAuth_access_tokens_are_reused_and_refreshed_before_they_expire()
    {
        using var harness = new HubSpotHarness(connection: OAuth());

        for (var i = 0; i < 3; i++)
        {
            await harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));
        }

        Assert.Equal(1, harness.Sandbox.TokenRefreshes);
        harness.Time.Advance(TimeSpan.FromMinutes(29.5));
        await harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));
        Assert.Equal(2, harness.Sandbox.TokenRefreshes);
        Assert.All(harness.Requests("/crm/owners/2026-03"), e => Assert.Equal(200, e.Status()));
    }

    [Fact]
    public async Task Invalid_grant_marks_the_connection_and_loses_nothing()
    {
        using var harness = new HubSpotHarness(connection: OAuth());
        var connector = await harness.SetUpAsync();
        harness.Sandbox.RevokeRefreshToken();
        harness.Time.Advance(TimeSpan.FromMinutes(31));
        var activities = Activities.Many(5, [1001], HubSpotHarness.Start.AddDays(1));

        var refused = await Assert.ThrowsAsync<CrmReauthorisationRequiredException>(
            () => harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None)));

        Assert.Contains("invalid_grant", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(ConnectionState.NeedsReauthorisation, connector.State);
        Assert.Empty(harness.Requests("/batch/create"));
        var refreshes = harness.Sandbox.TokenRefreshes;
        await Assert.ThrowsAsync<CrmReauthorisationRequiredException>(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));
        Assert.Equal(refreshes, harness.Sandbox.TokenRefreshes);

        // An admin re-authorises: the new refresh token reaches configuration and the same work goes through.
        harness.Sandbox.Reauthorise("sandbox-refresh-token-2");
        harness.Configuration[$"Connections:{HubSpotHarness.Name}:RefreshToken"] = "sandbox-refresh-token-2";
        harness.Configuration.Reload();
        var results = await harness.RunAsync(() => connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(5, harness.Sandbox.Portal.Records("tasks").Count);
        Assert.Equal(ConnectionState.Ok, connector.State);
    }
}
