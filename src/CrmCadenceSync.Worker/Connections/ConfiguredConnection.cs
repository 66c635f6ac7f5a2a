namespace CrmCadenceSync.Worker.Connections;

/// <summary>A connection as configured under <c>Connections:{Name}</c>: what the host needs to wire it.</summary>
public sealed record ConfiguredConnection(string Name, string Kind, TimeSpan PollInterval, IConfigurationSection Section)
{
    public const string SectionName = "Connections";

    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(5);

    /// <summary>The enabled connections (<c>Enabled</c> defaults to true).</summary>
    public static IReadOnlyList<ConfiguredConnection> Enabled(IConfiguration configuration) =>
        [.. configuration.GetSection(SectionName).GetChildren()
            .Where(section => section.GetValue("Enabled", defaultValue: true))
            .Select(section => new ConfiguredConnection(
                section.Key,
                section["Kind"] ?? "",
                section.GetValue("PollInterval", DefaultPollInterval),
                section))];
}
