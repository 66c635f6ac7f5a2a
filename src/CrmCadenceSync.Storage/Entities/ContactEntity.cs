namespace CrmCadenceSync.Storage.Entities;

/// <summary>The local snapshot of a CRM contact, so segmenting, previews and metrics need no CRM call.</summary>
public sealed class ContactEntity
{
    public required string Connection { get; set; }

    public required string CrmId { get; set; }

    public required string RecordType { get; set; }

    public string? Email { get; set; }

    /// <summary>
    /// <see cref="Email"/> as the same person is matched by (trimmed, Unicode-normalised, lower-cased in .NET), so a
    /// database's own <c>lower()</c> (ASCII-only on SQLite) never decides who is who. Kept by the contact mapping.
    /// </summary>
    public string? EmailKey { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? Title { get; set; }

    public string? OwnerId { get; set; }

    public string? TimeZone { get; set; }

    public decimal? LeadScore { get; set; }

    public string? LifecycleStage { get; set; }

    public string? LeadSource { get; set; }

    public string? Country { get; set; }

    public bool EmailOptOut { get; set; }

    public bool DoNotCall { get; set; }

    public bool EmailBounced { get; set; }

    public DateTimeOffset? LastRepliedAt { get; set; }

    public DateTimeOffset? LastMeetingBookedAt { get; set; }

    public DateTimeOffset? LastEmailOpenedAt { get; set; }

    public DateTimeOffset? LastEmailClickedAt { get; set; }

    public bool IsConverted { get; set; }

    /// <summary>The Contact a converted Salesforce lead became (kept so reading the lead again is seen as no change).</summary>
    public string? ConvertedContactCrmId { get; set; }

    public bool IsDeleted { get; set; }

    public string? MergedIntoCrmId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Every other fetched property, as a JSON object.</summary>
    public string PropertiesJson { get; set; } = "{}";

    public DateTimeOffset SnapshotAt { get; set; }
}
