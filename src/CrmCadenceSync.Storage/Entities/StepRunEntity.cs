namespace CrmCadenceSync.Storage.Entities;

/// <summary>What happened to one step of one enrollment: written, skipped (with the reason) or held.</summary>
public sealed class StepRunEntity
{
    public long Id { get; set; }

    public Guid EnrollmentId { get; set; }

    public required string StepId { get; set; }

    public int StepNumber { get; set; }

    public required string Outcome { get; set; }

    /// <summary>The message variant the contact got (A/B tests and role variants), for metrics per variant.</summary>
    public string? Variant { get; set; }

    public string? Reason { get; set; }

    /// <summary>The outbox key of the CRM write, when the step wrote one.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
