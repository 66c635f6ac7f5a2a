using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;

namespace CrmCadenceSync.Worker.Connections;

/// <summary>Records what an admin should see about a connection: parked, needing re-authorisation, or fine.</summary>
public sealed class ConnectionHealth(CadenceDbContext db)
{
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
        switch (failure)
        {
            case CrmParkedException parked:
                row.State = nameof(ConnectionState.Parked);
                row.StateReason = parked.Reason;
                row.ParkedUntil = parked.Until;
                return parked.Until;
            case CrmReauthorisationRequiredException reauth:
                row.State = nameof(ConnectionState.NeedsReauthorisation);
                row.StateReason = reauth.Reason;
                row.ParkedUntil = null;
                return null;
            default:
                throw new ArgumentException("Only parking and re-authorisation failures mark a connection.", nameof(failure));
        }
    }

    public async Task MarkOkAsync(string connection, DateTimeOffset at, bool synced, CancellationToken cancellationToken)
    {
        var row = await GetAsync(connection, cancellationToken);
        row.State = nameof(ConnectionState.Ok);
        row.StateReason = null;
        row.ParkedUntil = null;
        if (synced)
        {
            row.LastSuccessfulSyncAt = at;
        }
    }

    public static bool IsConnectionFailure(Exception e) => e is CrmParkedException or CrmReauthorisationRequiredException;
}
