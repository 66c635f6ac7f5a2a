namespace CrmCadenceSync.Core.Crm;

/// <summary>The connection must not call the CRM before <see cref="Until"/>; the caller parks the work, it does not retry.</summary>
public sealed class CrmParkedException(string connection, DateTimeOffset until, string reason)
    : Exception($"Connection '{connection}' is parked until {until:u}: {reason}")
{
    public string Connection { get; } = connection;

    public DateTimeOffset Until { get; } = until;

    public string Reason { get; } = reason;
}
