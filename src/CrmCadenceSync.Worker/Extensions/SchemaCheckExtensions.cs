using CrmCadenceSync.Worker.Connections.Schema;

namespace CrmCadenceSync.Worker.Extensions;

public static class SchemaCheckExtensions
{
    /// <summary>The start-up comparison of each connection's configuration with its CRM; after setup, which creates our own fields.</summary>
    public static IHostApplicationBuilder AddSchemaCheck(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SchemaCheckRunner>();
        builder.Services.AddSingleton<SchemaWarnings>();
        builder.Services.AddHostedService<StartupSchemaCheck>();
        return builder;
    }
}
