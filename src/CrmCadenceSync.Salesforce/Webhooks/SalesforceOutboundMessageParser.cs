using System.Xml;
using System.Xml.Linq;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Mapping;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Salesforce.Webhooks;

/// <summary>
/// Parses an Outbound Message (SOAP, namespace http://soap.sforce.com/2005/09/outbound) into inbound events keyed by
/// notification id. Salesforce signs nothing, so the organisation id is the check that the message is ours. A
/// notification whose <c>LastModifiedById</c> (when the message carries it) is the connection's own integration user
/// announces a save the worker made itself (its status write) and becomes an <see cref="InboundEventKind.OwnWrite"/>.
/// </summary>
internal sealed partial class SalesforceOutboundMessageParser(
    string connection, string organizationId, Func<string?> ownUserId, ILogger<SalesforceOutboundMessageParser> logger)
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Outbound = "http://soap.sforce.com/2005/09/outbound";
    private static readonly XNamespace SObject = "urn:sobject.enterprise.soap.sforce.com";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 10_000_000,
    };

    public WebhookResult Parse(WebhookRequest request)
    {
        var result = Read(request);
        if (!result.Accepted)
        {
            LogRejected(connection, result.RejectStatus!.Value, result.RejectReason!);
        }

        return result;
    }

    private WebhookResult Read(WebhookRequest request)
    {
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookResult.Reject(405, $"Salesforce Outbound Messages are POSTed; got {request.Method}.");
        }

        XDocument document;
        try
        {
            using var stream = new MemoryStream(request.Body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return WebhookResult.Reject(400, $"Outbound Message body is not well-formed XML: {ex.Message}");
        }

        var notifications = document.Root?.Element(Soap + "Body")?.Element(Outbound + "notifications");
        if (document.Root?.Name != Soap + "Envelope" || notifications is null)
        {
            return WebhookResult.Reject(400, "Outbound Message body is not a SOAP envelope with a notifications element (namespace http://soap.sforce.com/2005/09/outbound).");
        }

        var organization = notifications.Element(Outbound + "OrganizationId")?.Value.Trim();
        if (string.IsNullOrEmpty(organization))
        {
            return WebhookResult.Reject(400, "Outbound Message has no OrganizationId.");
        }

        if (!SameId(organization, organizationId))
        {
            return WebhookResult.Reject(403, $"Outbound Message from organisation '{organization}' refused: connection '{connection}' expects '{organizationId}'.");
        }

        var events = new List<InboundEvent>();
        foreach (var notification in notifications.Elements(Outbound + "Notification"))
        {
            var id = notification.Element(Outbound + "Id")?.Value.Trim();
            var sObject = notification.Element(Outbound + "sObject");
            var recordId = sObject?.Element(SObject + "Id")?.Value.Trim();
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(recordId))
            {
                return WebhookResult.Reject(400, $"Outbound Message notification {events.Count + 1} lacks its Id or its sObject Id; nothing from this message was accepted.");
            }

            // xsi:type is "sf:Lead"; only people feed cadences, so a message about another object is a setup mistake.
            var type = sObject!.Attribute(Xsi + "type")?.Value.Split(':')[^1];
            if (type is not null && type != SalesforceObjects.Lead && type != SalesforceObjects.Contact)
            {
                return WebhookResult.Reject(400, $"Outbound Message notification {id} concerns a record of type {type}; only Lead and Contact messages are accepted. Nothing from this message was accepted.");
            }

            var modified = SalesforceRecordValues.ParseDateTime(sObject.Element(SObject + "SystemModstamp")?.Value)
                ?? SalesforceRecordValues.ParseDateTime(sObject.Element(SObject + "LastModifiedDate")?.Value)
                ?? request.ReceivedAt;
            var modifiedBy = sObject.Element(SObject + "LastModifiedById")?.Value.Trim();
            var kind = IsOwnUser(modifiedBy) ? InboundEventKind.OwnWrite : InboundEventKind.ContactChanged;
            events.Add(new InboundEvent(id, connection, kind, recordId, modified));
        }

        return events.Count == 0
            ? WebhookResult.Reject(400, "Outbound Message holds no Notification.")
            : WebhookResult.Accept(events, new WebhookAcknowledgement(SalesforceOutboundMessageAck.ContentType, SalesforceOutboundMessageAck.Envelope()));
    }

    private bool IsOwnUser(string? modifiedBy) =>
        !string.IsNullOrEmpty(modifiedBy) && ownUserId() is { } own && SameId(modifiedBy, own);

    /// <summary>Ids (the org's, a user's) come as 15 (case-sensitive) or 18 characters; the first 15 identify it.</summary>
    private static bool SameId(string received, string expected) =>
        received.Length >= 15 && expected.Length >= 15 && string.CompareOrdinal(received, 0, expected, 0, 15) == 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce connection '{Connection}' refused an Outbound Message ({Status}): {Reason}")]
    private partial void LogRejected(string connection, int status, string reason);
}
