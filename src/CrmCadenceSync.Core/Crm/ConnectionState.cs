namespace CrmCadenceSync.Core.Crm;

/// <summary>What an admin sees for a connection on /health and the admin page.</summary>
public enum ConnectionState
{
    Ok,

    /// <summary>Calls are failing (errors, timeouts): work backs off and is tried again; nothing is dropped.</summary>
    Degraded,

    /// <summary>The CRM cannot be reached at all (the circuit breaker is open): work waits for it to answer again.</summary>
    Unavailable,

    /// <summary>Out of budget (daily limit or a CRM-side limit): work waits until the reset, nothing is dropped.</summary>
    Parked,

    /// <summary>The CRM revoked or refused the credentials: work waits until an admin re-authorises.</summary>
    NeedsReauthorisation,
}
