using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace CrmCadenceSync.Demo.Sandbox;

/// <summary>
/// The demo's configuration over the shipped appsettings.json (which has the sandbox off): the sandboxes on, and the
/// sandbox clock on a weekday morning. Environment variables and the command line still win over both.
/// </summary>
internal static class DemoDefaults
{
    /// <summary>Monday 23 November 2026, 10:00 in New York: every shipped cadence shows touches due, whatever day the demo is run.</summary>
    public const string StartAt = "2026-11-23T10:00:00-05:00";

    public static void Apply(IConfigurationBuilder configuration)
    {
        // Below every file: a StartAt set in appsettings.json wins over the demo's.
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new($"{SandboxOptions.SectionName}:{nameof(SandboxOptions.StartAt)}", StartAt)],
        });

        // Above the appsettings files, below the environment and the command line (--Sandbox:Enabled=false still turns it off).
        var lastFile = LastIndexOfAppSettings(configuration.Sources);
        configuration.Sources.Insert(lastFile + 1, new MemoryConfigurationSource
        {
            InitialData = [new($"{SandboxOptions.SectionName}:{nameof(SandboxOptions.Enabled)}", "true")],
        });
    }

    private static int LastIndexOfAppSettings(IList<IConfigurationSource> sources)
    {
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        // No appsettings source at all: just above the demo's own defaults, still below everything else.
        return 0;
    }
}
