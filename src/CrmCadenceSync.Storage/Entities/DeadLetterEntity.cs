namespace CrmCadenceSync.Storage.Entities;

/// <summary>A write the CRM refused for good, kept with its reason for an admin to fix and retry, or discard.</summary>
public sealed class DeadLetterEntity
{
    public long Id { get; set; }

    public required string Connection { get; set; }

    public required string IdempotencyKey { get; set; }

    public required string WriteType { get; set; }

    public required string PayloadJson { get; set; }

    public required string Code { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset FailedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? Resolution { get; set; }
}
