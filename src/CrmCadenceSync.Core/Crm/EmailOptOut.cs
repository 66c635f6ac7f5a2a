using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Crm;

/// <summary>A contact's request to get no more email, to be recorded in the CRM (HubSpot subscription status, Salesforce HasOptedOutOfEmail).</summary>
public sealed record EmailOptOut(string IdempotencyKey, string ContactCrmId, ContactRecordType ContactRecordType, string Email);
