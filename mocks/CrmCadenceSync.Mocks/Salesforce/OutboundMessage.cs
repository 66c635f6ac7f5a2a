namespace CrmCadenceSync.Mocks.Salesforce;

/// <summary>A SOAP notifications envelope as Salesforce sends it; deliver it again to simulate a redelivery.</summary>
public sealed record OutboundMessage(string Xml, IReadOnlyList<string> NotificationIds);
