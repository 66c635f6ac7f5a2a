using System.Globalization;
using System.Net;
using System.Text;
using CrmCadenceSync.Mocks.Salesforce.Endpoints;
using CrmCadenceSync.Mocks.Salesforce.PubSub;
using CrmCadenceSync.Mocks.Salesforce.State;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace CrmCadenceSync.Mocks.Salesforce;

/// <summary>
/// A stateful Salesforce org on a real loopback port (WireMock.Net): OAuth token endpoint, SOQL with paging, getDeleted,
/// sObject Collections, external-id upsert, <c>/limits</c>, session expiry, the daily allowance, and Outbound Messages.
/// </summary>
public sealed class SalesforceSandbox : IDisposable
{
    private readonly WireMockServer server;
    private int notificationNumber;

    private SalesforceSandbox(SalesforceSandboxOptions options, TimeProvider time)
    {
        Org = new SalesforceOrgState(options, time);
        SalesforceSeeder.Seed(Org);
        // Bound to loopback only: WireMock's default listens on every interface.
        server = LoopbackWireMock.Start(
            url => new WireMockServerSettings { Urls = [url], MaxRequestLogCount = options.MaxLogEntries },
            options.Port);
        var router = new SalesforceSandboxRouter(Org, Faults, () => Url);
        server.Given(Request.Create().WithPath(new WildcardMatcher("/services/*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(router.Handle));
    }

    /// <summary>The org's base URL: both the login URL and the instance_url tokens point at.</summary>
    public Uri Url => new(server.Url!);

    public SalesforceSandboxFaults Faults { get; } = new();

    /// <summary>The org's Pub/Sub API (Change Data Capture), once <see cref="StartPubSubAsync"/> has started it.</summary>
    public SalesforcePubSubServer? PubSub { get; private set; }

    public SalesforceOrgState Org { get; }

    /// <summary>Every request the sandbox received, for asserting what a client actually sent.</summary>
    public WireMockServer Server => server;

    public static SalesforceSandbox Start(SalesforceSandboxOptions? options = null, TimeProvider? time = null) =>
        new(options ?? new SalesforceSandboxOptions(), time ?? TimeProvider.System);

    /// <summary>An Outbound Message about the given Leads or Contacts, each with a fresh notification id.</summary>
    public OutboundMessage CreateOutboundMessage(params string[] recordIds) =>
        CreateOutboundMessageFrom(Org.Options.OrganizationId, recordIds);

    /// <summary>The same, claiming to come from <paramref name="organizationId"/> (to test the organisation check).</summary>
    public OutboundMessage CreateOutboundMessageFrom(string organizationId, params string[] recordIds)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var notifications = recordIds
            .Select(id => ($"04lSB{Interlocked.Increment(ref notificationNumber).ToString("D10", CultureInfo.InvariantCulture)}EAA",
                Org.Find(id) ?? throw new ArgumentException($"The sandbox has no record '{id}'.", nameof(recordIds))))
            .ToList();
        return OutboundMessageBuilder.Build(organizationId, Url, notifications);
    }

    /// <summary>POSTs the envelope as Salesforce does; Salesforce redelivers until the answer carries <c>&lt;Ack&gt;true&lt;/Ack&gt;</c>.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> DeliverAsync(Uri endpoint, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new HttpClient();
        using var content = new StringContent(message.Xml, Encoding.UTF8, "text/xml");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Add("SOAPAction", "\"\"");
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Starts the org's Pub/Sub API on its own loopback port (HTTP/2); from then on every Lead and Contact change is
    /// published as a change event. Idempotent.
    /// </summary>
    public async Task<SalesforcePubSubServer> StartPubSubAsync(int? port = null)
    {
        PubSub ??= await SalesforcePubSubServer.StartAsync(Org, () => Url, Org.Options.ChangeEventRetention, port).ConfigureAwait(false);
        return PubSub;
    }

    public void Dispose()
    {
        PubSub?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        server.Stop();
        server.Dispose();
    }
}
