namespace CrmCadenceSync.Salesforce.Webhooks;

/// <summary>
/// The SOAP answer that tells Salesforce every notification in the message was received. Send it only after the
/// notifications are stored: without it Salesforce redelivers, which the notification id dedupes.
/// </summary>
public static class SalesforceOutboundMessageAck
{
    public const string ContentType = "text/xml; charset=utf-8";

    public static string Envelope(bool acknowledged = true) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soapenv:Body>"
        + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\">"
        + $"<Ack>{(acknowledged ? "true" : "false")}</Ack>"
        + "</notificationsResponse>"
        + "</soapenv:Body>"
        + "</soapenv:Envelope>";
}
