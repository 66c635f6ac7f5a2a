using System.Collections.Concurrent;
using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Worker.Connections;

/// <summary>The reps of each connection, read once per poll rather than once per touch.</summary>
public sealed class OwnerDirectory(ConnectionRegistry connections)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Owner>> owners = new(StringComparer.OrdinalIgnoreCase);

    public async Task RefreshAsync(string connection, CancellationToken cancellationToken)
    {
        var read = await connections.Get(connection).ReadOwnersAsync(cancellationToken);
        owners[connection] = read.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

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
}
