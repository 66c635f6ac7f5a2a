using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Crm;

/// <summary>The cadence status written back to the contact (HubSpot ccs_* properties, Salesforce CCS_*__c fields).</summary>
/// <param name="CadenceStep">The step the contact is on, for example "3 of 9: Call (call-1)"; null once it has ended.</param>
/// <param name="EmailOptOut">
/// Set when the contact asked in a reply to be removed: the write also sets the CRM's email opt-out field (HubSpot
/// <c>hs_email_optout</c>, Salesforce <c>HasOptedOutOfEmail</c>, as mapped). Never clears it.
/// </param>
public sealed record ContactStatus(
    string IdempotencyKey,
    string ContactCrmId,
    ContactRecordType ContactRecordType,
    string? Segment,
    string? Cadence,
    string CadenceStatus,
    DateTimeOffset? NextTouchAt,
    string? CadenceStep = null,
    bool EmailOptOut = false);
