using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Tests.Support;
using CrmCadenceSync.HubSpot.Webhooks;
using CrmCadenceSync.Mocks.HubSpot;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class WebhookTests
{
    // HubSpot's published v3 vector (hubspot-api-python and hubspot-api-ruby signature tests).
    private const string Secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private const string VectorUri = "https://www.example.com/webhook_uri";
    private const string VectorBody = "{'example_field':'example_value'}";
    private const string VectorTimestamp = "15000000";
    private const string VectorSignature = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeMilliseconds(15_000_000);
    private static readonly JsonSerializerOptions SandboxJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [Fact]
    public void The_published_v3_test_vector_is_reproduced()
    {
        Assert.Equal(VectorSignature, HubSpotSignatureV3.Compute(Secret, "POST", VectorUri, Encoding.UTF8.GetBytes(VectorBody), VectorTimestamp));
    }

    [Fact]
    public void The_published_v3_test_vector_passes_verification()
    {
        Assert.Null(Parser().Verify(Request()));
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var result = Parser().Parse(Request(body: "{'example_field':'changed_value'}"));

        Assert.Equal(401, result.RejectStatus);
    }

    [Fact]
    public void A_tampered_uri_is_rejected()
    {
        var result = Parser().Parse(Request(uri: "https://www.example.com/webhook_uri?extra=1"));

        Assert.Equal(401, result.RejectStatus);
        Assert.Contains("does not match", result.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_secret_is_rejected()
    {
        var result = Parser("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz").Parse(Request());

        Assert.Equal(401, result.RejectStatus);
    }

    [Fact]
    public void A_stale_timestamp_is_rejected_even_with_a_valid_signature()
    {
        var result = Parser().Parse(Request(receivedAt: VectorTime.AddMinutes(5).AddSeconds(1)));

        Assert.Equal(401, result.RejectStatus);
        Assert.Contains(HubSpotSignatureV3.TimestampHeader, result.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_uri_is_decoded_with_HubSpots_table_before_signing()
    {
        var signature = HubSpotSignatureV3.Compute(Secret, "POST", "https://www.example.com/webhook_uri?at=a:b@c", Encoding.UTF8.GetBytes(VectorBody), VectorTimestamp);

        Assert.Null(Parser().Verify(Request(uri: "https://www.example.com/webhook_uri?at=a%3Ab%40c", signature: signature)));
    }

    [Fact]
    public void Behind_a_proxy_the_public_base_url_is_what_was_signed()
    {
        var body = Encoding.UTF8.GetBytes("[]");
        var signature = HubSpotWebhookSender.SignV3(Secret, "POST", "https://hooks.example.com/webhooks/hubspot?portal=62515", body, VectorTimestamp);
        var request = Request(uri: "http://127.0.0.1:5080/webhooks/hubspot?portal=62515", body: "[]", signature: signature);

        Assert.Equal(401, Parser().Parse(request).RejectStatus);
        Assert.True(Parser(publicBase: new Uri("https://hooks.example.com")).Parse(request).Accepted);
    }

    [Fact]
    public async Task Signed_webhooks_from_the_sandbox_become_deduplicated_inbox_events()
    {
        using var harness = new HubSpotHarness();
        using var receiver = CrmCadenceSync.Mocks.LoopbackWireMock.Start();
        receiver.Given(WireMock.RequestBuilders.Request.Create().WithPath("/webhooks/hubspot").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        var sender = harness.Sandbox.Webhooks;
        var change = sender.Event("contact.propertyChange", 1001, "hubspotscore", "82");
        var redelivery = change with { EventId = 777, AttemptNumber = 1 };
        var otherChangeSameEventId = sender.Event("contact.propertyChange", 1001, "lifecyclestage", "customer") with { EventId = change.EventId };
        var deletion = sender.Event("contact.deletion", 1002);
        var merge = sender.Event("contact.merge", 1003) with { PrimaryObjectId = 1003, MergedObjectIds = [1003, 1004] };
        var company = sender.Event("company.creation", 5);

        using var sent = await sender.SendAsync(
            new Uri(new Uri(receiver.Url!), "/webhooks/hubspot"),
            [change, redelivery, otherChangeSameEventId, deletion, merge, company],
            CancellationToken.None);
        var received = Assert.Single(receiver.LogEntries).RequestMessage!;
        var result = harness.Connector.ParseWebhook(new WebhookRequest(
            received.Method,
            new Uri(received.AbsoluteUrl),
            received.Headers!.ToDictionary(h => h.Key, h => h.Value.First()),
            received.BodyAsBytes,
            harness.Time.GetUtcNow().AddSeconds(2)));

        Assert.True(result.Accepted, result.RejectReason);
        var events = result.Events;
        Assert.Equal(events[0].DedupeKey, events[1].DedupeKey);
        Assert.NotEqual(events[0].DedupeKey, events[2].DedupeKey);
        Assert.Equal([InboundEventKind.ContactChanged, InboundEventKind.ContactChanged, InboundEventKind.ContactChanged, InboundEventKind.ContactDeleted, InboundEventKind.ContactMerged, InboundEventKind.ContactChanged], events.Select(e => e.Kind));
        Assert.Equal(("hubspotscore", "82"), (events[0].PropertyName, events[0].PropertyValue));
        Assert.Equal("1002", events[3].ContactCrmId);
        Assert.Equal(("1004", "1003"), (events[4].ContactCrmId, events[4].MergedIntoCrmId));
        Assert.All(events, e => Assert.Equal(HubSpotHarness.Name, e.Connection));
    }

    /// <summary>
    /// The inbox's unique index is on the dedupe key: keys that grow with the event time are appended at the index's
    /// end, where keys led by the contact id would touch a page per contact on every commit of a flood.
    /// </summary>
    [Fact]
    public void Dedupe_keys_of_a_flood_sort_by_event_time_not_by_contact()
    {
        var events = Enumerable.Range(0, 50).Select(i =>
            new SandboxWebhookEvent(i + 1, 12345, 62515, 1, 1_763_000_000_000 + i, "contact.propertyChange", 9_000 - (i * 97 % 1_000), PropertyName: "hubspotscore", PropertyValue: "40")).ToArray();
        var body = JsonSerializer.Serialize(events, SandboxJson);

        var result = Parser().Parse(Request(body: body, signature: HubSpotWebhookSender.SignV3(Secret, "POST", VectorUri, Encoding.UTF8.GetBytes(body), VectorTimestamp)));

        Assert.True(result.Accepted, result.RejectReason);
        Assert.Equal(50, result.Events.Count);
        Assert.Equal(result.Events.Select(e => e.DedupeKey), result.Events.Select(e => e.DedupeKey).Order(StringComparer.Ordinal));
        Assert.Equal(50, result.Events.Select(e => e.DedupeKey).Distinct().Count());
    }

    private static HubSpotWebhookParser Parser(string secret = Secret, Uri? publicBase = null) =>
        new("hubspot", () => new HubSpotConnectionOptions { WebhookSecret = secret, PublicBaseUrl = publicBase });

    private static WebhookRequest Request(
        string uri = VectorUri,
        string body = VectorBody,
        string signature = VectorSignature,
        DateTimeOffset? receivedAt = null) =>
        new(
            "POST",
            new Uri(uri),
            new Dictionary<string, string>
            {
                ["x-hubspot-signature-v3"] = signature,
                ["X-HubSpot-Request-Timestamp"] = VectorTimestamp,
            },
            Encoding.UTF8.GetBytes(body),
            receivedAt ?? VectorTime.AddSeconds(30));
}
