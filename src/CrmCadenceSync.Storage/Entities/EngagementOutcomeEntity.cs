namespace CrmCadenceSync.Storage.Entities;

/// <summary>
/// An engagement outcome credited to an enrollment (reply, meeting, bounce, opt-out, a task completed with its call
/// outcome), kept with its time so metrics survive the retention of contact snapshots. No personal fields.
/// </summary>
public sealed class EngagementOutcomeEntity
{
    public long Id { get; set; }

    public Guid EnrollmentId { get; set; }

    public required string Connection { get; set; }

    public required string ContactCrmId { get; set; }

    /// <summary>A <c>CrmCadenceSync.Core.Metrics.OutcomeKind</c> name.</summary>
    public required string Kind { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>For a completed task: the idempotency key of our task write; empty for contact-level outcomes (one per kind).</summary>
    public string TaskKey { get; set; } = "";

    /// <summary>For a completed task: the call outcome (disposition) the rep logged, if any.</summary>
    public string? CallOutcome { get; set; }
}
