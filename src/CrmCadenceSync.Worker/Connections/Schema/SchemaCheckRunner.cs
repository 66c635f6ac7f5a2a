using CrmCadenceSync.Core.Crm.Schema;

namespace CrmCadenceSync.Worker.Connections.Schema;

/// <summary>Runs the schema check of one connection; every connector registers its own (keyed by connection name).</summary>
public sealed class SchemaCheckRunner(IServiceProvider services)
{
    /// <summary>The connection's report; null when its connector has no check.</summary>
    public Task<SchemaReport>? Run(string connection, CancellationToken cancellationToken) =>
        services.GetKeyedService<ICrmSchemaCheck>(connection)?.CheckSchemaAsync(cancellationToken);
}
