using CrmCadenceSync.Core.Crm;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.HubSpot;

/// <summary>The visible state of one connection: parked until a reset, or waiting for re-authorisation.</summary>
public sealed partial class HubSpotConnectionMonitor(string connection, TimeProvider time, ILogger<HubSpotConnectionMonitor> logger)
{
    private readonly Lock gate = new();
    private DateTimeOffset? parkedUntil;
    private string? reauthorisationReason;
    private string? parkReason;

    public string Connection { get; } = connection;

    public ConnectionState State
    {
        get
        {
            lock (gate)
            {
                if (reauthorisationReason is not null)
                {
                    return ConnectionState.NeedsReauthorisation;
                }

                return parkedUntil > time.GetUtcNow() ? ConnectionState.Parked : ConnectionState.Ok;
            }
        }
    }

    public string? Reason
    {
        get
        {
            lock (gate)
            {
                return reauthorisationReason ?? (parkedUntil > time.GetUtcNow() ? parkReason : null);
            }
        }
    }

    public DateTimeOffset? ParkedUntil
    {
        get
        {
            lock (gate)
            {
                return parkedUntil > time.GetUtcNow() ? parkedUntil : null;
            }
        }
    }

    public void Park(DateTimeOffset until, string reason)
    {
        lock (gate)
        {
            if (parkedUntil is null || until > parkedUntil)
            {
                parkedUntil = until;
                parkReason = reason;
                LogParked(Connection, until, reason);
            }
        }
    }

    public void RequireReauthorisation(string reason)
    {
        lock (gate)
        {
            reauthorisationReason = reason;
        }

        LogNeedsReauthorisation(Connection, reason);
    }

    public void Reauthorised()
    {
        lock (gate)
        {
            if (reauthorisationReason is not null)
            {
                reauthorisationReason = null;
                LogReauthorised(Connection);
            }
        }
    }

    /// <summary>Throws what the caller parks on while the daily budget is spent.</summary>
    public void ThrowIfParked()
    {
        lock (gate)
        {
            if (parkedUntil is { } until && until > time.GetUtcNow())
            {
                throw new CrmParkedException(Connection, until, parkReason ?? "parked");
            }
        }
    }

    /// <summary>Throws while HubSpot's refusal of our credentials stands; work waits for an admin.</summary>
    public void ThrowIfNeedsReauthorisation()
    {
        lock (gate)
        {
            if (reauthorisationReason is not null)
            {
                throw new CrmReauthorisationRequiredException(Connection, reauthorisationReason);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection} is parked until {Until:u}: {Reason}; work waits, nothing is dropped")]
    private partial void LogParked(string connection, DateTimeOffset until, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection {Connection} needs re-authorisation: {Reason}; work waits until an admin installs a new refresh token")]
    private partial void LogNeedsReauthorisation(string connection, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection} was re-authorised")]
    private partial void LogReauthorised(string connection);
}
