namespace CrmCadenceSync.Storage.Entities;

/// <summary>Per connection: the sync cursor and the health an admin sees.</summary>
public sealed class ConnectionEntity
{
    public required string Name { get; set; }

    public DateTimeOffset CursorModifiedAt { get; set; }

    public string CursorLastId { get; set; } = "";

    public required string State { get; set; }

    public string? StateReason { get; set; }

    public DateTimeOffset? ParkedUntil { get; set; }

    /// <summary>Since when the connection has been in its current trouble (first failure after the last success); null when Ok.</summary>
    public DateTimeOffset? StateSince { get; set; }

    /// <summary>The last failure seen on the connection, kept after it recovers for an admin to read.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public DateTimeOffset? LastSuccessfulSyncAt { get; set; }

    /// <summary>
    /// With several instances on PostgreSQL: the earliest instant the connection's next CRM call may start, shared by
    /// every instance so that together they keep to the connection's rate (<see cref="Claims.SharedRequestPace"/>).
    /// </summary>
    public DateTimeOffset? NextRequestAt { get; set; }

    /// <summary>
    /// The outbox id of the last task write whose CRM state a poll asked about; the next poll goes on after it, and
    /// starts over from the oldest once it reaches the end.
    /// </summary>
    public long TaskStateCursor { get; set; }
}
