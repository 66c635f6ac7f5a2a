namespace CrmCadenceSync.Core.Contacts;

/// <summary>
/// The canonical contact every connector maps into, whichever CRM it came from.
/// Which CRM property feeds each field is connector configuration.
/// </summary>
public sealed record Contact
{
    private static readonly IReadOnlyDictionary<string, string?> NoProperties =
        ContactProperties.Wrap(new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase));

    private readonly IReadOnlyDictionary<string, string?> properties = NoProperties;

    /// <summary>The configured connection name (for example "hubspot").</summary>
    public required string Connection { get; init; }

    public required string CrmId { get; init; }

    public ContactRecordType RecordType { get; init; } = ContactRecordType.Contact;

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Company { get; init; }

    public string? Title { get; init; }

    public string? OwnerId { get; init; }

    /// <summary>IANA id, or HubSpot's form such as <c>america_slash_new_york</c>.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Missing when the CRM has no score for the contact.</summary>
    public decimal? LeadScore { get; init; }

    public string? LifecycleStage { get; init; }

    public string? LeadSource { get; init; }

    public string? Country { get; init; }

    public bool EmailOptOut { get; init; }

    public bool DoNotCall { get; init; }

    public bool EmailBounced { get; init; }

    public DateTimeOffset? LastRepliedAt { get; init; }

    public DateTimeOffset? LastMeetingBookedAt { get; init; }

    /// <summary>
    /// The latest incoming email from the person as the CRM keeps it (subject, text, headers), read with the reply signal
    /// so the engine can tell an answer from an auto-reply; null when the CRM gave none. Not kept in the snapshot.
    /// </summary>
    public Replies.ReplyMessage? LastReply { get; init; }

    public DateTimeOffset? LastEmailOpenedAt { get; init; }

    public DateTimeOffset? LastEmailClickedAt { get; init; }

    /// <summary>A Salesforce lead that was converted; such leads are never enrolled.</summary>
    public bool IsConverted { get; init; }

    /// <summary>The Contact a converted Salesforce lead became, when the CRM says.</summary>
    public string? ConvertedContactCrmId { get; init; }

    public bool IsDeleted { get; init; }

    /// <summary>Set when the CRM merged this record into another one.</summary>
    public string? MergedIntoCrmId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Every other fetched property, for merge fields and rule filters. Compared by names and values (not by reference),
    /// so the record's equality says whether the contact changed.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Properties
    {
        get => properties;
        init => properties = ContactProperties.Wrap(value);
    }
}
