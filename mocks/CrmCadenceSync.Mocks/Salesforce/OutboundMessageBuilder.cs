using System.Xml.Linq;
using CrmCadenceSync.Mocks.Salesforce.Endpoints;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce;

/// <summary>Builds the Outbound Message envelope (namespace http://soap.sforce.com/2005/09/outbound) for stored records.</summary>
internal static class OutboundMessageBuilder
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Outbound = "http://soap.sforce.com/2005/09/outbound";
    private static readonly XNamespace SObject = "urn:sobject.enterprise.soap.sforce.com";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static OutboundMessage Build(string organizationId, Uri instanceUrl, IReadOnlyList<(string NotificationId, SandboxRecord Record)> notifications)
    {
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XElement(Soap + "Body",
                new XElement(Outbound + "notifications",
                    new XAttribute("xmlns", Outbound),
                    new XElement(Outbound + "OrganizationId", organizationId),
                    new XElement(Outbound + "ActionId", "04kSB0000000001EAA"),
                    new XElement(Outbound + "SessionId", new XAttribute(Xsi + "nil", "true")),
                    new XElement(Outbound + "EnterpriseUrl", $"{instanceUrl.GetLeftPart(UriPartial.Authority)}/services/Soap/c/62.0/{organizationId}"),
                    new XElement(Outbound + "PartnerUrl", $"{instanceUrl.GetLeftPart(UriPartial.Authority)}/services/Soap/u/62.0/{organizationId}"),
                    notifications.Select(n => new XElement(Outbound + "Notification",
                        new XElement(Outbound + "Id", n.NotificationId),
                        new XElement(Outbound + "sObject",
                            new XAttribute(XNamespace.Xmlns + "sf", SObject),
                            new XAttribute(Xsi + "type", $"sf:{n.Record.SObjectType}"),
                            new XElement(SObject + "Id", n.Record.Id),
                            new XElement(SObject + "Email", n.Record["Email"]),
                            new XElement(SObject + "SystemModstamp", SandboxJson.DateTime(n.Record.SystemModstamp)),
                            new XElement(SObject + "LastModifiedById", n.Record["LastModifiedById"])))))));
        var xml = new XDocument(new XDeclaration("1.0", "UTF-8", null), envelope).Declaration + envelope.ToString(SaveOptions.DisableFormatting);
        return new OutboundMessage(xml, [.. notifications.Select(n => n.NotificationId)]);
    }
}
