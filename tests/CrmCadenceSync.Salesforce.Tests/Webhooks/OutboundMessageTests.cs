using System.Net;
using System.Text;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Salesforce.Tests.Support;
using CrmCadenceSync.Salesforce.Webhooks;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CrmCadenceSync.Salesforce.Tests.Webhooks;

/// <summary>Outbound Messages delivered over loopback to a listener that parses, stores, then acknowledges.</summary>
public sealed class OutboundMessageTests : IDisposable
{
    private readonly SalesforceTestHost host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 6, Contacts = 6 });
    private readonly WireMockServer listener = LoopbackServer.Start();
    private readonly List<InboundEvent> stored = [];
    private readonly List<WebhookResult> results = [];

    public OutboundMessageTests()
    {
        listener.Given(WireMock.RequestBuilders.Request.Create().WithPath("/webhooks/salesforce").UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(Receive));
    }

    private Uri Endpoint => new($"{listener.Url}/webhooks/salesforce");

    [Fact]
    public async Task An_outbound_message_is_parsed_into_events_keyed_by_notification_id_and_acknowledged()
    {
        var lead = host.Sandbox.Org.Leads[0];
        var contact = host.Sandbox.Org.Contacts[0];
        var message = host.Sandbox.CreateOutboundMessage(lead.Id, contact.Id);

        var (status, body) = await SalesforceSandbox.DeliverAsync(Endpoint, message, CancellationToken.None);

        Assert.True(HttpStatusCode.OK == status, body);
        Assert.Contains("<Ack>true</Ack>", body, StringComparison.Ordinal);
        Assert.Equal(message.NotificationIds, stored.Select(e => e.DedupeKey));
        Assert.Equal([lead.Id, contact.Id], stored.Select(e => e.ContactCrmId));
        Assert.All(stored, e => Assert.Equal(InboundEventKind.ContactChanged, e.Kind));
        Assert.Equal(lead.SystemModstamp, stored[0].OccurredAt);
    }

    [Fact]
    public async Task A_save_by_the_connections_own_integration_user_is_our_own_write_and_a_save_by_anyone_else_a_change()
    {
        var ours = host.Sandbox.Org.Leads[2];
        var theirs = host.Sandbox.Org.Leads[3];
        await host.Connector.ReadOwnersAsync(CancellationToken.None);
        host.Sandbox.Org.Modify(ours.Id, new Dictionary<string, object?> { ["CCS_Cadence_Status__c"] = "Active" }, by: host.Sandbox.Org.IntegrationUserId);
        host.Sandbox.Org.Modify(theirs.Id, new Dictionary<string, object?> { ["Lead_Score__c"] = 12m });

        var (status, body) = await SalesforceSandbox.DeliverAsync(Endpoint, host.Sandbox.CreateOutboundMessage(ours.Id, theirs.Id), CancellationToken.None);

        Assert.True(HttpStatusCode.OK == status, body);
        Assert.Equal([InboundEventKind.OwnWrite, InboundEventKind.ContactChanged], stored.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_redelivered_notification_yields_the_same_dedupe_key()
    {
        var message = host.Sandbox.CreateOutboundMessage(host.Sandbox.Org.Contacts[1].Id);

        await SalesforceSandbox.DeliverAsync(Endpoint, message, CancellationToken.None);
        await SalesforceSandbox.DeliverAsync(Endpoint, message, CancellationToken.None);

        Assert.Equal(2, stored.Count);
        Assert.Single(stored.Select(e => e.DedupeKey).Distinct());
        Assert.Equal(message.NotificationIds[0], stored[0].DedupeKey);
    }

    [Fact]
    public async Task A_message_from_another_organisation_is_refused()
    {
        var message = host.Sandbox.CreateOutboundMessageFrom("00DXX0000000099EAA", host.Sandbox.Org.Contacts[0].Id);

        var (status, body) = await SalesforceSandbox.DeliverAsync(Endpoint, message, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("<Ack>", body, StringComparison.Ordinal);
        Assert.Empty(stored);
        Assert.Contains("00DXX0000000099EAA", results.Single().RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_xml_is_refused_with_a_clear_reason()
    {
        var broken = new OutboundMessage("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>", []);

        var (status, _) = await SalesforceSandbox.DeliverAsync(Endpoint, broken, CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(stored);
        Assert.StartsWith("Outbound Message body is not well-formed XML", results.Single().RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_that_is_not_an_outbound_message_is_refused()
    {
        var result = host.Connector.ParseWebhook(Request("<notifications/>"));

        Assert.Equal(400, result.RejectStatus);
        Assert.Contains("notifications element", result.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_about_another_object_is_refused()
    {
        var lead = host.Sandbox.CreateOutboundMessage(host.Sandbox.Org.Leads[0].Id).Xml;

        var result = host.Connector.ParseWebhook(Request(lead.Replace("sf:Lead", "sf:Account", StringComparison.Ordinal)));

        Assert.Equal(400, result.RejectStatus);
        Assert.Contains("concerns a record of type Account", result.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_rather_than_expanded()
    {
        var result = host.Connector.ParseWebhook(Request("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>"));

        Assert.Equal(400, result.RejectStatus);
    }

    [Fact]
    public void The_ack_envelope_is_the_soap_notificationsResponse()
    {
        var ack = System.Xml.Linq.XDocument.Parse(SalesforceOutboundMessageAck.Envelope());

        System.Xml.Linq.XNamespace outbound = "http://soap.sforce.com/2005/09/outbound";
        Assert.Equal("true", ack.Descendants(outbound + "Ack").Single().Value);
        Assert.Equal("Envelope", ack.Root!.Name.LocalName);
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Dispose();
        host.Dispose();
    }

    private static WebhookRequest Request(string body) => new(
        "POST", new Uri("http://127.0.0.1/webhooks/salesforce"), new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body), SalesforceTestHost.Now);

    /// <summary>What the worker does: parse, store the events, and only then answer with the Ack.</summary>
    private ResponseMessage Receive(IRequestMessage request)
    {
        var result = host.Connector.ParseWebhook(new WebhookRequest(
            request.Method, new Uri(request.Url), new Dictionary<string, string>(), request.BodyAsBytes ?? [], SalesforceTestHost.Now));
        lock (stored)
        {
            results.Add(result);
            if (result.Accepted)
            {
                stored.AddRange(result.Events);
            }
        }

        var response = new ResponseMessage
        {
            StatusCode = result.Accepted ? 200 : result.RejectStatus!.Value,
            BodyData = new BodyData
            {
                BodyAsString = result.Accepted ? SalesforceOutboundMessageAck.Envelope() : result.RejectReason,
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            },
        };
        response.AddHeader("Content-Type", result.Accepted ? SalesforceOutboundMessageAck.ContentType : "text/plain");
        return response;
    }
}
