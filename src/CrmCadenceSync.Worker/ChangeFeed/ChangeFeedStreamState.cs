namespace CrmCadenceSync.Worker.ChangeFeed;

/// <summary>What one change event stream is doing, as /health shows it.</summary>
public enum ChangeFeedStreamState
{
    Connecting,
    Streaming,
    Reconnecting,

    /// <summary>The stored replay id was too old: the connection is polled, then the stream starts from the latest event.</summary>
    PollingFallback,

    /// <summary>Salesforce refused the credentials; the stream waits for an admin to re-authorise the connection.</summary>
    NeedsReauthorisation,
}
