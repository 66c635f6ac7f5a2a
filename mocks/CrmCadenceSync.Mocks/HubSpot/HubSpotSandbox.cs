using System.Net;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>
/// A stateful HubSpot on WireMock.Net, on a loopback port: a seeded portal, real paging, search lag and cap, rate limits
/// with HubSpot's 429 bodies and headers, validation of writes, fault injection and signed webhooks.
/// </summary>
public sealed class HubSpotSandbox : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly OAuthEndpoint oauth;
    private readonly SandboxRateLimiter limiter;
    private readonly HttpClient webhookClient = new();

    private HubSpotSandbox(HubSpotSandboxOptions options)
    {
        Options = options;
        Portal = new HubSpotPortal(options);
        HubSpotPortalSeeder.Seed(Portal, options);
        oauth = new OAuthEndpoint(options);
        limiter = new SandboxRateLimiter(options);
        Webhooks = new HubSpotWebhookSender(options, webhookClient);
        Workflows = new SandboxWorkflows(options, webhookClient);
        var router = new HubSpotRouter(Portal, options, limiter, Faults, oauth, Workflows, stopping.Token);
        Server = LoopbackWireMock.Start(url => new WireMockServerSettings
        {
            Urls = [url],
            MaxRequestLogCount = options.MaxLogEntries,
            Logger = new WireMockNullLogger(),
        });
        Url = new Uri(Server.Url! + "/");
        Server.Given(Request.Create().WithPath(_ => true)).RespondWith(Response.Create().WithCallback(router.HandleAsync));
    }

    public HubSpotSandboxOptions Options { get; }

    public HubSpotPortal Portal { get; }

    public SandboxFaults Faults { get; } = new();

    public HubSpotWebhookSender Webhooks { get; }

    /// <summary>Custom workflow action executions and the callbacks API that completes them.</summary>
    public SandboxWorkflows Workflows { get; }

    /// <summary>The WireMock server; its log entries are the requests the connector actually sent.</summary>
    public WireMockServer Server { get; }

    /// <summary>The loopback base address (127.0.0.1, not "localhost", so no name resolution is involved).</summary>
    public Uri Url { get; }

    /// <summary>429 answers sent so far.</summary>
    public int TooManyRequests => limiter.Rejected;

    /// <summary>Token refresh calls received so far.</summary>
    public int TokenRefreshes => oauth.Refreshes;

    public static HubSpotSandbox Start(HubSpotSandboxOptions? options = null) => new(options ?? new HubSpotSandboxOptions());

    /// <summary>Revokes the OAuth refresh token: the next refresh answers invalid_grant.</summary>
    public void RevokeRefreshToken() => oauth.Revoke();

    /// <summary>The app was installed again: <paramref name="newRefreshToken"/> is the valid refresh token.</summary>
    public void Reauthorise(string newRefreshToken) => oauth.Reauthorise(newRefreshToken);

    /// <summary>
    /// Deletes a contact as a HubSpot user does and tells <paramref name="target"/> as HubSpot does: a deletion archives
    /// it and sends <c>contact.deletion</c>; a privacy (GDPR) deletion removes it for good and sends
    /// <c>contact.privacyDeletion</c>, then <c>contact.deletion</c> in a batch of its own.
    /// </summary>
    /// <returns>The worker's answers, one per batch.</returns>
    public async Task<IReadOnlyList<HttpStatusCode>> DeleteContactAsync(long id, Uri target, bool privacy, CancellationToken cancellationToken)
    {
        var answers = new List<HttpStatusCode>();
        if (privacy)
        {
            Portal.PrivacyDeleteContact(id);
            using var privacyAnswer = await Webhooks.SendAsync(target, [Webhooks.Event("contact.privacyDeletion", id)], cancellationToken).ConfigureAwait(false);
            answers.Add(privacyAnswer.StatusCode);
        }
        else
        {
            Portal.ArchiveContact(id);
        }

        using var answer = await Webhooks.SendAsync(target, [Webhooks.Event("contact.deletion", id)], cancellationToken).ConfigureAwait(false);
        answers.Add(answer.StatusCode);
        return answers;
    }

    public void Dispose()
    {
        stopping.Cancel();
        Server.Stop();
        Server.Dispose();
        webhookClient.Dispose();
        stopping.Dispose();
    }
}
