namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>A stored CRM record of any object type (contact, task, email, note).</summary>
public sealed class HubSpotRecord
{
    public required long Id { get; init; }

    public required string ObjectType { get; init; }

    public Dictionary<string, string?> Properties { get; init; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Search is eventually consistent: the record is invisible to search until then.</summary>
    public DateTimeOffset VisibleInSearchAt { get; set; }

    public bool Archived { get; set; }

    public List<HubSpotAssociation> Associations { get; } = [];

    public string? this[string property] => Properties.GetValueOrDefault(property);
}
