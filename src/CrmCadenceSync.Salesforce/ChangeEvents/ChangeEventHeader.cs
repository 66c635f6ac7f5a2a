namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>
/// The <c>ChangeEventHeader</c> of a change event. One event can name several records (<see cref="RecordIds"/>) that
/// changed the same way in one transaction; <see cref="ChangedFields"/> are already decoded from Salesforce's bitmaps.
/// </summary>
public sealed record ChangeEventHeader(
    string EntityName,
    string ChangeType,
    IReadOnlyList<string> RecordIds,
    IReadOnlyList<string> ChangedFields,
    DateTimeOffset CommitTimestamp,
    string? TransactionKey)
{
    /// <summary>GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE and GAP_OVERFLOW: the event carries no field values to trust.</summary>
    public bool IsGap => ChangeType.StartsWith("GAP_", StringComparison.Ordinal);

    public bool IsDelete => ChangeType is "DELETE" or "GAP_DELETE";
}
