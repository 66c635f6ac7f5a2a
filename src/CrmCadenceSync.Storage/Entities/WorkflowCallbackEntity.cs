namespace CrmCadenceSync.Storage.Entities;

/// <summary>
/// A HubSpot custom workflow action execution, stored once per callback id (HubSpot retries the same execution for up
/// to three days): what it asked for, what we answered, and for a blocked one whether its callback has been completed.
/// </summary>
public sealed class WorkflowCallbackEntity
{
    public required string CallbackId { get; set; }

    public required string Connection { get; set; }

    /// <summary><c>enroll</c>, <c>pause</c> or <c>exit</c>.</summary>
    public required string Action { get; set; }

    public required string ContactCrmId { get; set; }

    /// <summary>The enrollment it acted on or blocks on, when there is one.</summary>
    public Guid? EnrollmentId { get; set; }

    /// <summary><c>Blocked</c> (waiting for the enrollment to end), <c>Pending</c> (outputs ready, completion due), <c>Completed</c>, <c>Answered</c> (no callback needed) or <c>DeadLetter</c>.</summary>
    public required string State { get; set; }

    /// <summary>The answer given to HubSpot, JSON; a retried execution gets the same one.</summary>
    public required string ResponseJson { get; set; }

    /// <summary>The output fields the completion carries, JSON, once the enrollment ended.</summary>
    public string? OutputsJson { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
