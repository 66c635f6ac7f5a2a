namespace CrmCadenceSync.Storage.Entities;

/// <summary>A CRM write waiting to be sent, written in the same transaction as the change that caused it.</summary>
public sealed class OutboxEntity : IClaimable
{
    public long Id { get; set; }

    public required string Connection { get; set; }

    /// <summary>Unique: the same touch can never be queued twice.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>Task, LoggedEmail, Note or ContactStatus: writes are batched per connection and type.</summary>
    public required string WriteType { get; set; }

    public required string PayloadJson { get; set; }

    public Guid? EnrollmentId { get; set; }

    /// <summary>The contact the write is about; a newer status write for it supersedes an older unsent one.</summary>
    public required string ContactCrmId { get; set; }

    /// <summary>For rep tasks: whose task it is and on which of the rep's local days it is due (the daily cap counts these).</summary>
    public string? OwnerId { get; set; }

    public DateOnly? RepLocalDate { get; set; }

    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not sent before this time (backoff after a transient failure, or a parked connection).</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// When a send was last started, committed before the call: a row found with it set may already be in the CRM (or
    /// the mailbox), so it is looked up, or for email surfaced, instead of being sent blindly again.
    /// </summary>
    public DateTimeOffset? AttemptedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? CrmId { get; set; }

    public string? LastError { get; set; }

    /// <summary>The instance working on this row (<c>Cluster:InstanceId</c>) while its lease lasts; null when nobody is.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when <see cref="ClaimedBy"/> holds the row; after that any instance may take it over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
