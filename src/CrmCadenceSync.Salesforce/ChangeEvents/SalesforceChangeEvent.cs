namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>One change event as received: its id (a UUID, stable across redeliveries), its replay id, and its header.</summary>
public sealed record SalesforceChangeEvent(string EventId, byte[] ReplayId, ChangeEventHeader Header);
