namespace CrmCadenceSync.Worker.ChangeFeed;

/// <summary>One stream's state for /health: since when, the last error and when the last events were committed.</summary>
public sealed record ChangeFeedStreamStatus(
    string Connection,
    string Topic,
    ChangeFeedStreamState State,
    DateTimeOffset Since,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastEventsAt,
    long EventsCommitted);
