using System.Globalization;
using System.Text.Json;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Options;

namespace CrmCadenceSync.HubSpot.Webhooks;

/// <summary>Verifies HubSpot's v3 signature over the public URI and raw body, then turns contact events into inbox events.</summary>
public sealed class HubSpotWebhookParser(string connection, Func<HubSpotConnectionOptions> options)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public WebhookResult Parse(WebhookRequest request)
    {
        if (Verify(request) is { } problem)
        {
            return WebhookResult.Reject(401, problem);
        }

        List<HubSpotWebhookEvent>? events;
        try
        {
            events = JsonSerializer.Deserialize<List<HubSpotWebhookEvent>>(request.Body.Span, HubSpotJson.Options);
        }
        catch (JsonException ex)
        {
            return WebhookResult.Reject(400, $"The webhook body is not HubSpot's event array: {ex.Message}");
        }

        return WebhookResult.Accept([.. (events ?? []).SelectMany(ToInbound)]);
    }

    /// <summary>Null when the v3 signature and timestamp hold; otherwise why the request is refused.</summary>
    public string? Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = options();
        if (string.IsNullOrEmpty(current.WebhookSecret))
        {
            return $"Connection '{connection}' has no WebhookSecret configured; HubSpot webhooks cannot be verified.";
        }

        var signature = Header(request, HubSpotSignatureV3.SignatureHeader);
        var timestamp = Header(request, HubSpotSignatureV3.TimestampHeader);
        if (signature is null || timestamp is null)
        {
            return $"Missing {HubSpotSignatureV3.SignatureHeader} or {HubSpotSignatureV3.TimestampHeader} header.";
        }

        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return $"{HubSpotSignatureV3.TimestampHeader} '{timestamp}' is not a millisecond timestamp.";
        }

        var age = request.ReceivedAt - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        if (age > MaxAge || age < -MaxAge)
        {
            return $"{HubSpotSignatureV3.TimestampHeader} is {age.TotalSeconds:F0} s away from now; at most {MaxAge.TotalMinutes:F0} minutes is accepted.";
        }

        var uri = PublicUri(request.Uri, current.PublicBaseUrl);
        var expected = HubSpotSignatureV3.Compute(current.WebhookSecret, request.Method, uri, request.Body.Span, timestamp);
        return HubSpotSignatureV3.Matches(expected, signature)
            ? null
            : $"{HubSpotSignatureV3.SignatureHeader} does not match the request to {uri}.";
    }

    /// <summary>HubSpot signs the URI it called; behind a proxy that is the configured public base, not our own host.</summary>
    public static string PublicUri(Uri received, Uri? publicBase)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (publicBase is null)
        {
            return received.AbsoluteUri;
        }

        var basePath = publicBase.AbsolutePath.TrimEnd('/');
        return publicBase.GetLeftPart(UriPartial.Authority) + basePath + received.PathAndQuery;
    }

    private IEnumerable<InboundEvent> ToInbound(HubSpotWebhookEvent e)
    {
        if (e.ObjectId is not { } objectId || !e.Type.StartsWith("contact.", StringComparison.Ordinal))
        {
            yield break;
        }

        var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(e.OccurredAt);
        var id = objectId.ToString(CultureInfo.InvariantCulture);
        switch (e.Type)
        {
            case "contact.deletion" or "contact.privacyDeletion":
                yield return Event(e, InboundEventKind.ContactDeleted, id, occurredAt);
                break;
            case "contact.merge":
                var survivor = (e.PrimaryObjectId ?? e.NewObjectId ?? objectId).ToString(CultureInfo.InvariantCulture);
                foreach (var merged in e.MergedObjectIds ?? [])
                {
                    var mergedId = merged.ToString(CultureInfo.InvariantCulture);
                    if (mergedId != survivor)
                    {
                        yield return Event(e, InboundEventKind.ContactMerged, mergedId, occurredAt) with { MergedIntoCrmId = survivor };
                    }
                }

                yield return Event(e, InboundEventKind.ContactChanged, survivor, occurredAt);
                break;
            case "contact.creation" or "contact.propertyChange" or "contact.restore" or "contact.associationChange":
                yield return Event(e, InboundEventKind.ContactChanged, id, occurredAt);
                break;
        }
    }

    /// <summary>
    /// eventId is not unique, so the key is what the event says happened: time, type, object, property. The time comes
    /// first so the inbox's unique index grows at its end; with the contact first, every commit of a busy flood touched
    /// one index page per contact and ingest ran at a third of the rate.
    /// </summary>
    private InboundEvent Event(HubSpotWebhookEvent e, InboundEventKind kind, string contactId, DateTimeOffset occurredAt) =>
        new(
            $"hubspot:{e.PortalId}:{e.OccurredAt:D13}:{e.Type}:{contactId}:{e.PropertyName}",
            connection,
            kind,
            contactId,
            occurredAt,
            e.PropertyName,
            e.PropertyValue);

    private static string? Header(WebhookRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
