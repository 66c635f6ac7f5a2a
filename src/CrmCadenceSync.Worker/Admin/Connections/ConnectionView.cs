namespace CrmCadenceSync.Worker.Admin.Connections;

/// <summary>One connection's health for the admin: state, rate budget, last successful sync and lag.</summary>
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
    int OpenDeadLetters);
