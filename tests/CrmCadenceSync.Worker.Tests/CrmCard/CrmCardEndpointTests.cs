using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmCadenceSync.HubSpot.Webhooks;
using Microsoft.AspNetCore.Builder;

namespace CrmCadenceSync.Worker.Tests.CrmCard;

/// <summary><c>GET /crm-card/hubspot</c> on the real service over the HubSpot sandbox, signed as HubSpot signs card fetches.</summary>
public sealed class CrmCardEndpointTests(CrmCardEndpointTests.CardService service) : IClassFixture<CrmCardEndpointTests.CardService>
{

    [Fact]
    public async Task A_signed_request_returns_the_contacts_segment_cadence_step_next_touch_in_its_zone_and_history()
    {
        using var response = await SendAsync(service.Contact.ToString(CultureInfo.InvariantCulture), service.World.HubSpot.Options.WebhookSecret, service.World.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(1, item.GetProperty("objectId").GetInt32());
        Assert.Equal("Hot: 9 touches in 14 days (Hot)", item.GetProperty("title").GetString());
        var properties = item.GetProperty("properties").EnumerateArray()
            .ToDictionary(p => p.GetProperty("label").GetString()!, p => p.GetProperty("value").GetString());
        Assert.Equal("Hot", properties["Segment"]);
        Assert.Equal("Active", properties["Status"]);
        Assert.Equal("2 of 9: linkedin-connect (LinkedIn)", properties["Current step"]);
        // Day 2 of the cadence, at the enrollment's time of day, in the contact's zone (New York).
        Assert.Equal("Tue 24 Nov 2026 10:00 (America/New_York)", properties["Next touch"]);
        Assert.Equal("1 quiz-follow-up-email: Written, Mon 23 Nov 2026 10:00 (America/New_York)", properties["Touches"]);
    }

    [Fact]
    public async Task A_bad_signature_gets_401()
    {
        using var response = await SendAsync(service.Contact.ToString(CultureInfo.InvariantCulture), "not-the-app-secret", service.World.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("does not match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_signed_more_than_five_minutes_ago_gets_401()
    {
        using var response = await SendAsync(service.Contact.ToString(CultureInfo.InvariantCulture), service.World.HubSpot.Options.WebhookSecret, service.World.Time.GetUtcNow().AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("at most 5 minutes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_contact_gets_an_empty_card()
    {
        using var response = await SendAsync("987654321", service.World.HubSpot.Options.WebhookSecret, service.World.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"results":[]}""", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string contactId, string secret, DateTimeOffset signedAt)
    {
        var uri = new Uri(service.Address, $"/crm-card/hubspot?userId=12345&userEmail=rep%40example.com&associatedObjectId={contactId}&associatedObjectType=CONTACT&portalId=987654");
        var timestamp = signedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add(HubSpotSignatureV3.SignatureHeader, HubSpotSignatureV3.Compute(secret, "GET", uri.AbsoluteUri, [], timestamp));
        request.Headers.Add(HubSpotSignatureV3.TimestampHeader, timestamp);
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }

    /// <summary>One hot contact enrolled by a cycle, and the service over it; the tests only read.</summary>
    public sealed class CardService : IAsyncLifetime
    {
        private WebApplication app = null!;

        internal SandboxWorld World { get; private set; } = null!;

        public long Contact { get; private set; }

        public Uri Address { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            World = await SandboxWorld.StartAsync();
            Contact = World.AddHubSpotContact(85, "Hana");
            await World.RunCycleAsync();
            app = await World.StartServiceAsync();
            Address = new Uri(app.Urls.Single());
        }

        public async Task DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await World.DisposeAsync();
        }
    }
}
