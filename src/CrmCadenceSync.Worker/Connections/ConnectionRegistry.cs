using CrmCadenceSync.Core.Crm;

namespace CrmCadenceSync.Worker.Connections;

/// <summary>The enabled CRM connections by name.</summary>
public sealed class ConnectionRegistry(IEnumerable<ICrmConnector> connectors)
{
    private readonly Dictionary<string, ICrmConnector> byName =
        connectors.ToDictionary(c => c.Connection, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ICrmConnector> All => byName.Values;

    public ICrmConnector? Find(string name) => byName.GetValueOrDefault(name);

    public ICrmConnector Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"No enabled connection is named '{name}'.");
}
