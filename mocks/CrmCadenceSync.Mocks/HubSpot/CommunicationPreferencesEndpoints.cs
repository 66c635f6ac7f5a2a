using System.Net.Mail;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>
/// The communication preferences wide status of one address (<c>/communication-preferences/{version}/statuses/
/// {subscriberIdString}/unsubscribe-all</c>): GET reads it (empty results while the address has not opted out of
/// all), POST unsubscribes it from all. Both need <c>channel=EMAIL</c> and the subscriptions-status scopes.
/// </summary>
internal static class CommunicationPreferencesEndpoints
{
    public const string ReadScope = "subscriptions-status-read";
    public const string WriteScope = "subscriptions-status-write";

    public static ResponseMessage Status(HubSpotPortal portal, HubSpotSandboxOptions options, string subscriber, IRequestMessage request) =>
        Refusal(options, ReadScope, subscriber, request)
        ?? Answer(portal, subscriber, portal.UnsubscribedAt(subscriber));

    public static ResponseMessage UnsubscribeAll(HubSpotPortal portal, HubSpotSandboxOptions options, string subscriber, IRequestMessage request) =>
        Refusal(options, WriteScope, subscriber, request)
        ?? Answer(portal, subscriber, portal.UnsubscribeFromAll(subscriber));

    private static ResponseMessage? Refusal(HubSpotSandboxOptions options, string scope, string subscriber, IRequestMessage request)
    {
        if (!options.Scopes.Contains(scope))
        {
            return SandboxJson.Error(
                403,
                "MISSING_SCOPES",
                "This app hasn't been granted all required scopes to make this call.",
                new[] { new { message = $"One or more of the following scopes are required: [{scope}]", context = new { requiredGranularScopes = new[] { scope } } } });
        }

        if (!string.Equals(SandboxRequest.Query(request, "channel"), "EMAIL", StringComparison.Ordinal))
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Query parameter 'channel' is required and must be EMAIL.");
        }

        return MailAddress.TryCreate(subscriber, out var address) && address.Address == subscriber
            ? null
            : SandboxJson.Error(400, "VALIDATION_ERROR", $"'{subscriber}' is not a valid email address.");
    }

    private static ResponseMessage Answer(HubSpotPortal portal, string subscriber, DateTimeOffset? unsubscribedAt)
    {
        var now = HubSpotPortal.Iso(portal.Time.GetUtcNow());
        object[] results = unsubscribedAt is { } at
            ?
            [
                new
                {
                    subscriberIdString = subscriber,
                    wideStatusType = "PORTAL_WIDE",
                    status = "UNSUBSCRIBED",
                    channel = "EMAIL",
                    timestamp = HubSpotPortal.Iso(at),
                },
            ]
            : [];
        return SandboxJson.Json(200, new { status = "COMPLETE", results, startedAt = now, completedAt = now });
    }
}
