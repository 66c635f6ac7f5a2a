namespace CrmCadenceSync.Core.Crm;

/// <summary>
/// Where incremental sync stands: the last (modified time, id) pair fully read. Records sharing the timestamp
/// with a larger id still come next, so nothing that shares a timestamp is skipped.
/// </summary>
public sealed record SyncCursor(DateTimeOffset ModifiedAt, string LastId)
{
    public static readonly SyncCursor Start = new(DateTimeOffset.UnixEpoch, "");
}
