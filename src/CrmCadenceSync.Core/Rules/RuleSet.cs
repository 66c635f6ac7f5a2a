namespace CrmCadenceSync.Core.Rules;

/// <summary>A validated, compiled rule set: what the engine and scheduler run on. Immutable.</summary>
public sealed class RuleSet(
    IReadOnlyList<Segment> segments,
    IReadOnlyDictionary<string, Cadence> cadences,
    Policies policies,
    RoleCatalog? roles = null,
    IReadOnlyDictionary<string, Trigger>? triggers = null,
    Pilot? pilot = null)
{
    /// <summary>In evaluation order: the first that matches a contact wins.</summary>
    public IReadOnlyList<Segment> Segments { get; } = segments;

    public IReadOnlyDictionary<string, Cadence> Cadences { get; } = cadences;

    public Policies Policies { get; } = policies;

    public RoleCatalog Roles { get; } = roles ?? RoleCatalog.None;

    /// <summary>External triggers by name.</summary>
    public IReadOnlyDictionary<string, Trigger> Triggers { get; } = triggers ?? new Dictionary<string, Trigger>();

    /// <summary>Pilot throttles on new enrollments; <see cref="Pilot.None"/> when the rule set is not a pilot.</summary>
    public Pilot Pilot { get; } = pilot ?? Pilot.None;

    public Segment? FindSegment(string name)
    {
        foreach (var segment in Segments)
        {
            if (string.Equals(segment.Name, name, StringComparison.Ordinal))
            {
                return segment;
            }
        }

        return null;
    }
}
