namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>
/// One stored record. Field values are string, bool, decimal, DateTimeOffset (dateTime), DateOnly (date) or null;
/// every record of a type carries the same field names, which are the type's schema.
/// </summary>
public sealed class SandboxRecord(string sObjectType, string id)
{
    public string SObjectType { get; } = sObjectType;

    public string Id { get; } = id;

    public Dictionary<string, object?> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset SystemModstamp
    {
        get => (DateTimeOffset)Fields["SystemModstamp"]!;
        set => Fields["SystemModstamp"] = value;
    }

    public DateTimeOffset? DeletedAt { get; set; }

    public bool IsDeleted => DeletedAt is not null;

    public object? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;
}
