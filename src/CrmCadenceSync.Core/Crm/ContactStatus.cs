using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Crm;

/// <summary>The cadence status written back to the contact (HubSpot ccs_* properties, Salesforce CCS_*__c fields).</summary>
/// <param name="CadenceStep">The step the contact is on, for example "3 of 9: Call (call-1)"; null once it has ended.</param>
public sealed record ContactStatus(
    string IdempotencyKey,
    string ContactCrmId,
    ContactRecordType ContactRecordType,
    string? Segment,
    string? Cadence,
    string CadenceStatus,
    DateTimeOffset? NextTouchAt,
    string? CadenceStep = null);
