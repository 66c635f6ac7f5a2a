using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Crm;

/// <summary>One record to create in the CRM for a touch.</summary>
/// <param name="IdempotencyKey">Stored on the CRM record (the sync key); a retry with the same key must not create another.</param>
/// <param name="DueAt">When the touch is due (tasks); when it happened (logged emails, notes).</param>
/// <param name="RepLocalDueDate">The due date in the owning rep's zone, for CRMs whose task date has no time (Salesforce ActivityDate).</param>
public sealed record CrmActivity(
    string IdempotencyKey,
    CrmActivityKind Kind,
    string ContactCrmId,
    ContactRecordType ContactRecordType,
    string? OwnerId,
    StepChannel Channel,
    StepPriority Priority,
    string? Subject,
    string Body,
    DateTimeOffset DueAt,
    DateOnly RepLocalDueDate)
{
    /// <summary>
    /// When an earlier send of this record was attempted (its outcome unknown): the connector looks the sync key up
    /// before it creates anything. Null for a first attempt.
    /// </summary>
    public DateTimeOffset? AttemptedAt { get; init; }
}
