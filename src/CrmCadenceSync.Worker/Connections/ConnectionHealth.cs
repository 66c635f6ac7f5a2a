using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Connections;

/// <summary>
/// Records what an admin should see about a connection: fine, degraded or unavailable (calls failing, since when, the
/// last error), parked, or needing re-authorisation.
/// </summary>
public sealed class ConnectionHealth(CadenceDbContext db, IOptions<ResilienceOptions> resilience, TimeProvider time)
{
    /// <summary>Marks <see cref="OutboxEntity.LastError"/> and inbox errors of work waiting out connection trouble.</summary>
    public const string WaitingPrefix = "ConnectionTrouble: ";

    /// <summary>Failing with no success for this long is an outage, not a passing error.</summary>
    private static readonly TimeSpan FailingLongEnough = TimeSpan.FromMinutes(1);

    public async Task<ConnectionEntity> GetAsync(string connection, CancellationToken cancellationToken)
    {
        var row = await db.Connections.FindAsync([connection], cancellationToken);
        if (row is null)
        {
            row = new ConnectionEntity { Name = connection, State = nameof(ConnectionState.Ok), CursorModifiedAt = SyncCursor.Start.ModifiedAt };
            db.Connections.Add(row);
        }

        return row;
    }

    /// <summary>Marks the connection from a failure the connector reported; returns when work may resume (null: not until an admin acts).</summary>
    public async Task<DateTimeOffset?> RecordAsync(string connection, Exception failure, CancellationToken cancellationToken)
    {
        var row = await GetAsync(connection, cancellationToken);
        var now = time.GetUtcNow();
        var failing = row.State is nameof(ConnectionState.Degraded) or nameof(ConnectionState.Unavailable);
        if (!(failing && row.LastError is not null && Faults.IsCircuitOpen(failure)))
        {
            // A call the open circuit refused was never made: the failure that opened it, in this outage, stays the one shown.
            row.LastError = Faults.Describe(failure);
            row.LastErrorAt = now;
        }

        switch (failure)
        {
            case CrmParkedException parked:
                Enter(row, ConnectionState.Parked, parked.Reason, now);
                row.ParkedUntil = parked.Until;
                return parked.Until;
            case CrmReauthorisationRequiredException reauth:
                Enter(row, ConnectionState.NeedsReauthorisation, reauth.Reason, now);
                row.ParkedUntil = null;
                return null;
            case var trouble when Faults.IsConnectionTrouble(trouble):
                // Calls failing make it degraded; an open circuit, or failing with no success for a while, unavailable
                // (it stays so until a call succeeds).
                var failingSince = row.State is nameof(ConnectionState.Degraded) or nameof(ConnectionState.Unavailable) ? row.StateSince : null;
                var state = Faults.IsCircuitOpen(trouble) || row.State == nameof(ConnectionState.Unavailable) || now - failingSince >= FailingLongEnough
                    ? ConnectionState.Unavailable
                    : ConnectionState.Degraded;
                Enter(row, state, row.LastError, now);
                return now + resilience.Value.ConnectionRetryPause;
            default:
                throw new ArgumentException("Only connection failures mark a connection.", nameof(failure));
        }
    }

    /// <summary>
    /// A call succeeded. When the connection was failing, the work that was waiting for it is released at once (the
    /// closing circuit ends the pauses), so the backlog goes out now rather than at the end of each row's pause.
    /// </summary>
    public async Task MarkOkAsync(string connection, DateTimeOffset at, bool synced, CancellationToken cancellationToken)
    {
        var row = await GetAsync(connection, cancellationToken);
        var wasFailing = row.State is nameof(ConnectionState.Degraded) or nameof(ConnectionState.Unavailable);
        row.State = nameof(ConnectionState.Ok);
        row.StateReason = null;
        row.ParkedUntil = null;
        row.StateSince = null;
        if (synced)
        {
            row.LastSuccessfulSyncAt = at;
        }

        if (wasFailing)
        {
            await db.Outbox
                .Where(o => o.Connection == connection && o.State == OutboxState.Pending && o.AvailableAt > at && o.LastError != null && o.LastError.StartsWith(WaitingPrefix))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.AvailableAt, at), cancellationToken);
            await db.InboxEvents
                .Where(e => e.Connection == connection && e.ProcessedAt == null && e.AvailableAt > at && e.LastError != null && e.LastError.StartsWith(WaitingPrefix))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.AvailableAt, at), cancellationToken);
        }
    }

    /// <summary>Parked, waiting for re-authorisation, or failing: work for the connection waits.</summary>
    public static bool IsConnectionFailure(Exception e) =>
        e is CrmParkedException or CrmReauthorisationRequiredException || Faults.IsConnectionTrouble(e);

    /// <summary>The state an admin sees now (a park whose time has passed reads as Ok).</summary>
    public static bool IsUnavailableFor(ConnectionEntity row, DateTimeOffset now, TimeSpan longerThan) =>
        row.State == nameof(ConnectionState.Unavailable) && row.StateSince is { } since && now - since > longerThan;

    private static void Enter(ConnectionEntity row, ConnectionState state, string? reason, DateTimeOffset now)
    {
        if (row.State == nameof(ConnectionState.Ok) || row.StateSince is null)
        {
            row.StateSince = now;
        }

        row.State = state.ToString();
        row.StateReason = reason;
    }
}
