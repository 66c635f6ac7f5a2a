namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>Where a subscription starts: after a stored replay id, or at the tip of the stream.</summary>
public sealed record ReplayStart(byte[]? ReplayId)
{
    public static readonly ReplayStart Latest = new((byte[]?)null);

    public bool IsLatest => ReplayId is null;
}
