using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Health;

public sealed class HealthTests
{
    /// <summary>
    /// A connection unavailable for longer than Resilience:UnavailableAfter makes /health answer 503 with the state, since
    /// when and the last error, so a load balancer or monitor sees it; a shorter outage reads degraded with 200.
    /// </summary>
    [Fact]
    public async Task Health_answers_503_once_a_connection_has_been_unavailable_longer_than_configured()
    {
        await using var world = await SandboxWorld.StartAsync("--Resilience:UnavailableAfter=00:05:00");
        await world.RunCycleAsync();

        // The service runs without the HubSpot connection, so none of its jobs' calls marks the stored state ok meanwhile.
        var app = await world.StartServiceAsync("--Resilience:UnavailableAfter=00:05:00", "--Connections:hubspot:Enabled=false");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            await SetAsync(TimeSpan.FromMinutes(4));
            using var shortOutage = await client.GetAsync(new Uri("/health", UriKind.Relative));
            var shortBody = await shortOutage.Content.ReadFromJsonAsync<JsonObject>();
            await SetAsync(TimeSpan.FromMinutes(6));
            using var longOutage = await client.GetAsync(new Uri("/health", UriKind.Relative));
            var longBody = await longOutage.Content.ReadFromJsonAsync<JsonObject>();

            Assert.Equal((HttpStatusCode.OK, "degraded"), (shortOutage.StatusCode, shortBody!["status"]!.GetValue<string>()));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "unavailable"), (longOutage.StatusCode, longBody!["status"]!.GetValue<string>()));
            var hubSpot = longBody["connections"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "hubspot")!;
            Assert.Equal("Unavailable", hubSpot["state"]!.GetValue<string>());
            Assert.Equal(world.Time.GetUtcNow().AddMinutes(-6), hubSpot["since"]!.GetValue<DateTimeOffset>());
            Assert.False(string.IsNullOrEmpty(hubSpot["lastError"]!.GetValue<string>()));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Task<int> SetAsync(TimeSpan ago) => world.QueryAsync(async db =>
        {
            var row = await db.Connections.SingleAsync(c => c.Name == "hubspot");
            row.State = "Unavailable";
            row.StateSince = world.Time.GetUtcNow() - ago;
            row.LastError = "BrokenCircuitException: The circuit is now open";
            row.LastErrorAt = world.Time.GetUtcNow();
            return await db.SaveChangesAsync();
        });
    }
}
