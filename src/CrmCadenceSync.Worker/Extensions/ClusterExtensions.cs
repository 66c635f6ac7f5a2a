using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.Storage.Options;
using CrmCadenceSync.Worker.Connections;

namespace CrmCadenceSync.Worker.Extensions;

public static class ClusterExtensions
{
    private const int DefaultRequestsPer10Seconds = 100;

    /// <summary>
    /// On PostgreSQL (several instances): each HubSpot connection's calls are paced across all instances, so the CRM's
    /// rolling 10-second limit holds for the cluster, not per instance. Call after the connections are added: the
    /// handler goes innermost. SQLite (one instance) keeps each connection's own budget only.
    /// </summary>
    public static IHostApplicationBuilder AddSharedRequestPace(this IHostApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.Postgres)
        {
            return builder;
        }

        foreach (var connection in ConfiguredConnection.Enabled(builder.Configuration).Where(c => string.Equals(c.Kind, HubSpotConnectionOptions.KindName, StringComparison.OrdinalIgnoreCase)))
        {
            var perWindow = Math.Max(1, connection.Section.GetValue("RequestsPer10Seconds", DefaultRequestsPer10Seconds));
            // 10% headroom: calls leave on their slots but reach the CRM with some jitter, and its window counts arrivals.
            var spacing = TimeSpan.FromSeconds(11) / perWindow;
            builder.Services.AddHttpClient($"hubspot:{connection.Name}")
                .AddHttpMessageHandler(sp => new SharedPaceHandler(connection.Name, spacing, sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>()));
        }

        return builder;
    }
}
