using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Extensions;
using CrmCadenceSync.Worker.Triggers;
using CrmCadenceSync.Worker.Unsubscribe;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Demo.Sandbox;

/// <summary>The demo's addition to the worker's host: both sandbox CRMs, the sandbox relay and clock, a demo trigger secret.</summary>
public static class DemoSandboxes
{
    /// <summary>The secret sandbox mode gives triggers that have none, so a demo can sign trigger calls.</summary>
    public const string SandboxTriggerSecret = "sandbox-trigger-secret";

    /// <summary>The key sandbox mode signs unsubscribe links with when none is configured.</summary>
    public const string SandboxUnsubscribeKey = "sandbox-unsubscribe-signing-key-not-a-secret";

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

        // Unsubscribe links in the sandbox's emails: signed with a known sandbox key, pointing at this worker on loopback.
        if (string.IsNullOrEmpty(builder.Configuration[$"{UnsubscribeOptions.SectionName}:{nameof(UnsubscribeOptions.SigningKey)}"]))
        {
            settings[$"{UnsubscribeOptions.SectionName}:{nameof(UnsubscribeOptions.SigningKey)}"] = SandboxUnsubscribeKey;
        }

        if (string.IsNullOrEmpty(builder.Configuration[$"{UnsubscribeOptions.SectionName}:{nameof(UnsubscribeOptions.BaseUrl)}"]))
        {
            settings[$"{UnsubscribeOptions.SectionName}:{nameof(UnsubscribeOptions.BaseUrl)}"] = LoopbackBaseUrl(builder.Configuration["Urls"]);
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

    /// <summary>The first configured URL when it is a usable loopback address; else the shipped default.</summary>
    private static string LoopbackBaseUrl(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return Uri.TryCreate(first, UriKind.Absolute, out var url) && url.IsLoopback && url.Port > 0 ? url.GetLeftPart(UriPartial.Authority) : "http://127.0.0.1:5080";
    }
}
