namespace CrmCadenceSync.Core.Crm;

/// <summary>A CRM-specific answer (Salesforce's SOAP Ack), sent only once the events are stored.</summary>
public sealed record WebhookAcknowledgement(string ContentType, string Body);
