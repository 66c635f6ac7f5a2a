using CrmCadenceSync.Core.Crm.Schema;

namespace CrmCadenceSync.Worker.Connections.Schema;

/// <summary>Finds each connection's schema check; every connector registers its own, keyed by connection name.</summary>
public sealed class SchemaCheckRunner(IServiceProvider services)
{
    /// <summary>The connection's check; null when its connector has none.</summary>
    public ICrmSchemaCheck? Find(string connection) => services.GetKeyedService<ICrmSchemaCheck>(connection);
}
