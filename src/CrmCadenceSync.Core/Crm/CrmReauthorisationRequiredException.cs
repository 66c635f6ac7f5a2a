namespace CrmCadenceSync.Core.Crm;

/// <summary>The CRM refused the connection's credentials (for example <c>invalid_grant</c>); work waits for an admin.</summary>
public sealed class CrmReauthorisationRequiredException(string connection, string reason)
    : Exception($"Connection '{connection}' needs re-authorisation: {reason}")
{
    public string Connection { get; } = connection;

    public string Reason { get; } = reason;
}
