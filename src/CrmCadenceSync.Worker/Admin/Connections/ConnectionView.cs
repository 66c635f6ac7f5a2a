namespace CrmCadenceSync.Worker.Admin.Connections;

/// <summary>One connection's health for the admin: state (and since when, with the last error), rate budget, last successful sync and lag.</summary>
public sealed record ConnectionView(
    string Name,
    string Kind,
    string State,
    string StateLabel,
    string? Reason,
    DateTimeOffset? ParkedUntil,
    RateBudgetView Budget,
    DateTimeOffset? LastSuccessfulSyncAt,
    double? LagSeconds,
    int PendingWrites,
    int OpenDeadLetters)
{
    /// <summary>Since when the connection has been in trouble (failing, parked); null when ok.</summary>
    public DateTimeOffset? StateSince { get; init; }

    /// <summary>The last failure seen on the connection and when, kept after it recovers.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }
}
