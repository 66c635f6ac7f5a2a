namespace CrmCadenceSync.Core.Crm;

/// <summary>A task this worker wrote, as the CRM reports it now.</summary>
/// <param name="CrmId">The CRM's id of the task (as recorded on the outbox row that wrote it).</param>
/// <param name="CompletedAt">When the rep completed it, when the CRM says.</param>
/// <param name="CallOutcome">The call outcome the rep logged (HubSpot call disposition label, Salesforce Call Result), if any.</param>
public sealed record CrmTaskState(string CrmId, bool IsCompleted, DateTimeOffset? CompletedAt, string? CallOutcome);
