namespace CrmCadenceSync.Core.Crm;

/// <summary>One inbound change, stored in the inbox before the CRM gets its answer.</summary>
/// <param name="DedupeKey">Stable across redeliveries (HubSpot: time, subscription, object, property; Salesforce: notification id); what it starts with decides where the inbox index grows, so it starts with the time where it has one.</param>
/// <param name="MergedIntoCrmId">For merges, the record that survived.</param>
public sealed record InboundEvent(
    string DedupeKey,
    string Connection,
    InboundEventKind Kind,
    string ContactCrmId,
    DateTimeOffset OccurredAt,
    string? PropertyName = null,
    string? PropertyValue = null,
    string? MergedIntoCrmId = null);
