namespace CrmCadenceSync.Storage.Entities;

/// <summary>
/// Where a connection's change event subscription resumes: the replay id of the last event committed to the inbox, written
/// in the same transaction as that event's inbox rows.
/// </summary>
public sealed class ChangeFeedPositionEntity
{
    public required string Connection { get; set; }

    /// <summary>The channel, such as <c>/data/LeadChangeEvent</c>.</summary>
    public required string Topic { get; set; }

    /// <summary>Opaque to us (Salesforce: never computed on, only handed back).</summary>
    public required byte[] ReplayId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
