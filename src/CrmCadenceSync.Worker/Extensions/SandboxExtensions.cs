using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Sandbox;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class SandboxExtensions
{
    /// <summary>
    /// With <c>Sandbox:Enabled</c>, starts a seeded sandbox CRM in-process on a free loopback port for each enabled
    /// connection and points the connection at it, so the worker runs on a fresh machine with no CRM account.
    /// </summary>
    public static IHostApplicationBuilder AddSandboxes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        var options = builder.Configuration.GetSection(SandboxOptions.SectionName).Get<SandboxOptions>() ?? new SandboxOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        TimeProvider time = options.StartAt is { } startAt ? new SandboxClock(startAt, TimeProvider.System) : TimeProvider.System;
        builder.Services.AddSingleton(time);
        var settings = new Dictionary<string, string?>();
        foreach (var connection in ConfiguredConnection.Enabled(builder.Configuration))
        {
            var (sandbox, connectionSettings) = connection.Kind switch
            {
                "HubSpot" => HubSpotSandboxConnection.Start(connection.Name, options, time),
                "Salesforce" => SalesforceSandboxConnection.Start(connection.Name, options, time),
                _ => throw new InvalidOperationException(ConnectionExtensions.UnknownKind(connection)),
            };

            // The container disposes the sandbox with the host.
            builder.Services.AddSingleton(sandbox);
            foreach (var (key, value) in connectionSettings)
            {
                settings[key] = value;
            }
        }

        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
