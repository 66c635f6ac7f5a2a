namespace CrmCadenceSync.Storage.Entities;

/// <summary>An inbound change (webhook event or polled contact), committed before the CRM gets its answer.</summary>
public sealed class InboxEventEntity : IClaimable
{
    public long Id { get; set; }

    public required string Connection { get; set; }

    /// <summary>Unique per connection: a redelivered event is stored once.</summary>
    public required string DedupeKey { get; set; }

    public required string Kind { get; set; }

    public required string ContactCrmId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string? PropertyName { get; set; }

    public string? PropertyValue { get; set; }

    public string? MergedIntoCrmId { get; set; }

    /// <summary>The contact as polled (JSON); null for webhook events, whose contact is read fresh when processed.</summary>
    public string? ContactJson { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset AvailableAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The instance working on this row (<c>Cluster:InstanceId</c>) while its lease lasts; null when nobody is.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when <see cref="ClaimedBy"/> holds the row; after that any instance may take it over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
