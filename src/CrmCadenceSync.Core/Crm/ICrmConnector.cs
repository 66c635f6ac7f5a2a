using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Crm;

/// <summary>
/// The one port every CRM connector implements. Nothing above it knows which CRM it talks to.
/// Writes are batched and idempotent: a retried batch with the same keys never creates a record twice.
/// </summary>
public interface ICrmConnector
{
    /// <summary>The configured connection name, for example "hubspot".</summary>
    string Connection { get; }

    /// <summary>Contacts changed after the cursor, oldest first, one page at a time; removals are reported too.</summary>
    Task<ContactPage> ReadChangedContactsAsync(SyncCursor cursor, CancellationToken cancellationToken);

    /// <summary>Reads contacts by CRM id; ids the CRM no longer has come back as deleted contacts.</summary>
    Task<IReadOnlyList<Contact>> ReadContactsAsync(IReadOnlyCollection<string> crmIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<Owner>> ReadOwnersAsync(CancellationToken cancellationToken);

    /// <summary>Creates tasks, logged emails and notes; one result per input, in input order.</summary>
    Task<IReadOnlyList<CrmWriteResult>> WriteActivitiesAsync(IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken);

    /// <summary>Writes the cadence status fields reps filter their views by; one result per input, in input order.</summary>
    Task<IReadOnlyList<CrmWriteResult>> WriteContactStatusAsync(IReadOnlyList<ContactStatus> statuses, CancellationToken cancellationToken);

    /// <summary>
    /// Reads back tasks this worker wrote, by CRM id, in batch calls: whether the rep completed each and the call outcome
    /// logged. Tasks the CRM no longer has are left out.
    /// </summary>
    Task<IReadOnlyList<CrmTaskState>> ReadTaskStatesAsync(IReadOnlyCollection<string> taskCrmIds, CancellationToken cancellationToken);

    /// <summary>
    /// Closes tasks this worker wrote whose enrollment has ended, so reps' queues only hold live work (HubSpot:
    /// <c>hs_task_status</c> COMPLETED; Salesforce: Task <c>Status</c> Completed), in batch calls. Closing a closed
    /// task again changes nothing; one result per input, in input order.
    /// </summary>
    Task<IReadOnlyList<CrmWriteResult>> CloseTasksAsync(IReadOnlyList<TaskClosure> closures, CancellationToken cancellationToken);

    /// <summary>
    /// Records that each contact opted out of email (an unsubscribe), so the CRM and every tool on it stops emailing
    /// them. Doing it again changes nothing; one result per input, in input order.
    /// </summary>
    Task<IReadOnlyList<CrmWriteResult>> WriteEmailOptOutsAsync(IReadOnlyList<EmailOptOut> optOuts, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure, idempotently, that the CRM holds what our writes need (HubSpot: the sync-key and status
    /// properties). Run at start-up; returns what it created, empty when everything was already there.
    /// </summary>
    Task<IReadOnlyList<string>> SetupAsync(CancellationToken cancellationToken);

    /// <summary>Verifies and parses an inbound webhook; never throws for bad input, it rejects it.</summary>
    WebhookResult ParseWebhook(WebhookRequest request);
}
