using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Extensions;
using CrmCadenceSync.Worker.Triggers;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Demo.Sandbox;

/// <summary>The demo's addition to the worker's host: both sandbox CRMs, the sandbox relay and clock, a demo trigger secret.</summary>
public static class DemoSandboxes
{
    /// <summary>The secret sandbox mode gives triggers that have none, so a demo can sign trigger calls.</summary>
    public const string SandboxTriggerSecret = "sandbox-trigger-secret";

    /// <summary>
    /// With <c>Sandbox:Enabled</c> (the demo's default), starts a seeded sandbox CRM in-process on a free loopback port
    /// for each enabled connection and points the connection at it, so the worker runs on a fresh machine with no CRM
    /// account. Each sandbox is a keyed singleton (key: the connection name), disposed with the host.
    /// </summary>
    public static void Add(IHostApplicationBuilder builder)
    {
        DemoDefaults.Apply(builder.Configuration);
        builder.MarkSandboxHosted();
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        var options = builder.Configuration.GetSection(SandboxOptions.SectionName).Get<SandboxOptions>() ?? new SandboxOptions();
        if (!options.Enabled)
        {
            return;
        }

        // Checked before anything starts: a real CRM must never see the sandbox clock or the demo's trigger secret.
        RealConnectionRefusal.ThrowIfAny(builder.Configuration, options);

        TimeProvider time = options.StartAt is { } startAt ? new SandboxClock(startAt, TimeProvider.System) : TimeProvider.System;
        builder.Services.AddSingleton(time);
        var settings = new Dictionary<string, string?>();
        foreach (var connection in options.InProcess ? ConfiguredConnection.Enabled(builder.Configuration) : [])
        {
            IReadOnlyDictionary<string, string?> connectionSettings;
            switch (connection.Kind)
            {
                case "HubSpot":
                    var (hubSpot, hubSpotSettings) = HubSpotSandboxConnection.Start(connection.Name, options, time);
                    builder.Services.AddKeyedSingleton(connection.Name, hubSpot);
                    connectionSettings = hubSpotSettings;
                    break;
                case "Salesforce":
                    var (salesforce, salesforceSettings) = SalesforceSandboxConnection.Start(connection.Name, options, time);
                    builder.Services.AddKeyedSingleton(connection.Name, salesforce);
                    connectionSettings = salesforceSettings;
                    break;
                default:
                    throw new InvalidOperationException(ConnectionExtensions.UnknownKind(connection));
            }

            foreach (var (key, value) in connectionSettings)
            {
                settings[key] = value;
            }
        }

        // The sandbox relay captures automated emails (also as .eml files under data/sandbox-mail) unless a relay is configured.
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{SmtpOptions.SectionName}:Host"]))
        {
            var relay = SandboxSmtpServer.Start(Path.Combine(builder.Environment.ContentRootPath, "data", "sandbox-mail"));
            builder.Services.AddSingleton(relay);
            settings[$"{SmtpOptions.SectionName}:Host"] = "127.0.0.1";
            settings[$"{SmtpOptions.SectionName}:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"{SmtpOptions.SectionName}:Security"] = nameof(SmtpSecurity.None);
            settings[$"{SmtpOptions.SectionName}:FallbackFromAddress"] = "cadences@sandbox.example";
        }

        // A demo can call the triggers: give each one without a secret a known sandbox secret.
        foreach (var trigger in builder.Configuration.GetSection("Triggers").GetChildren())
        {
            var key = $"{TriggerEndpoints.SecretsSection}:{trigger["Name"]}";
            if (string.IsNullOrEmpty(builder.Configuration[key]))
            {
                settings[key] = SandboxTriggerSecret;
            }
        }

        builder.Configuration.AddInMemoryCollection(settings);
    }
}
