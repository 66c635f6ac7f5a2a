namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>How a failed Pub/Sub stream is handled.</summary>
public enum PubSubFaultKind
{
    /// <summary>Network, server or throttling trouble: reconnect from the last committed replay id after a backoff.</summary>
    Transient,

    /// <summary>The stored replay id is outside the retention window (or unknown): poll, then subscribe from the tip.</summary>
    ReplayExpired,

    /// <summary>The session was refused and a new one could not be had: the connection waits for re-authorisation.</summary>
    Reauthorisation,

    /// <summary>Not fixed by retrying (no access to the topic, a malformed request): reported, retried only slowly.</summary>
    Permanent,
}
