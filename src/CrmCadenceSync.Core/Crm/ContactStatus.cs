using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Crm;

/// <summary>The cadence status written back to the contact (HubSpot ccs_* properties, Salesforce CCS_*__c fields).</summary>
public sealed record ContactStatus(
    string IdempotencyKey,
    string ContactCrmId,
    ContactRecordType ContactRecordType,
    string? Segment,
    string? Cadence,
    string CadenceStatus,
    DateTimeOffset? NextTouchAt);
