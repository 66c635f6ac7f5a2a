using CrmCadenceSync.Core.Crm;

namespace CrmCadenceSync.Salesforce.Auth;

/// <summary>The connection state an admin sees: parked by the budget, or waiting for re-authorisation.</summary>
public sealed class SalesforceConnectionHealth
{
    private readonly Lock gate = new();

    public ConnectionState State { get; private set; } = ConnectionState.Ok;

    public string? Reason { get; private set; }

    public DateTimeOffset? ParkedUntil { get; private set; }

    public void Park(DateTimeOffset until, string reason)
    {
        lock (gate)
        {
            if (State != ConnectionState.NeedsReauthorisation)
            {
                (State, Reason, ParkedUntil) = (ConnectionState.Parked, reason, until);
            }
        }
    }

    public void RequireReauthorisation(string reason)
    {
        lock (gate)
        {
            (State, Reason, ParkedUntil) = (ConnectionState.NeedsReauthorisation, reason, null);
        }
    }

    /// <summary>A successful call clears a park whose time has passed; re-authorisation is cleared only by new credentials.</summary>
    public void MarkHealthy()
    {
        lock (gate)
        {
            if (State == ConnectionState.Parked)
            {
                (State, Reason, ParkedUntil) = (ConnectionState.Ok, null, null);
            }
        }
    }
}
