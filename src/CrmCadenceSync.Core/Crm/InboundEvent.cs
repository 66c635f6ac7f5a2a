namespace CrmCadenceSync.Core.Crm;

/// <summary>One inbound change, stored in the inbox before the CRM gets its answer.</summary>
/// <param name="DedupeKey">Stable across redeliveries (HubSpot: subscription, object, property, time; Salesforce: notification id).</param>
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
