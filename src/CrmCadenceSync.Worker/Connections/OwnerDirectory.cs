using System.Collections.Concurrent;
using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Worker.Connections;

/// <summary>The reps of each connection, read once per poll rather than once per touch.</summary>
public sealed partial class OwnerDirectory(ConnectionRegistry connections, ILogger<OwnerDirectory> logger)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Owner>> owners = new(StringComparer.OrdinalIgnoreCase);

    public async Task RefreshAsync(string connection, CancellationToken cancellationToken)
    {
        var read = await connections.Get(connection).ReadOwnersAsync(cancellationToken);
        owners[connection] = read.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    /// <summary>Reads the connection's reps unless they are known; throws what the connector threw.</summary>
    public async Task EnsureLoadedAsync(string connection, CancellationToken cancellationToken)
    {
        if (!owners.ContainsKey(connection))
        {
            await RefreshAsync(connection, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the reps of each connection not read yet, outside any transaction; returns the connections whose reps
    /// could not be read (parked, failing), whose work waits while the others' goes on.
    /// </summary>
    public async Task<HashSet<string>> PrepareAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var unreachable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in names.Distinct(StringComparer.OrdinalIgnoreCase).Where(c => !owners.ContainsKey(c)))
        {
            try
            {
                await RefreshAsync(connection, cancellationToken);
            }
            catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
            {
                unreachable.Add(connection);
                LogUnreachable(connection, Resilience.Faults.Describe(e));
            }
        }

        return unreachable;
    }

    /// <summary>The owner if the connection's reps are already read; never calls the CRM (for work inside a transaction).</summary>
    public Owner? Known(string connection, string? ownerId) =>
        string.IsNullOrEmpty(ownerId) ? null : owners.GetValueOrDefault(connection)?.GetValueOrDefault(ownerId);

    public async Task<Owner?> FindAsync(string connection, string? ownerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ownerId))
        {
            return null;
        }

        if (!owners.ContainsKey(connection))
        {
            await RefreshAsync(connection, cancellationToken);
        }

        return owners[connection].GetValueOrDefault(ownerId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reps of connection {Connection} cannot be read ({Reason}); its due steps wait")]
    private partial void LogUnreachable(string connection, string reason);
}
