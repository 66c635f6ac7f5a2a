namespace CrmCadenceSync.Core.Metrics;

/// <summary>What the rule set says about a cadence, so cadences and steps nobody reached yet are reported with zeros.</summary>
/// <param name="Segment">The first segment feeding the cadence; null for a cadence only triggers enroll into.</param>
/// <param name="Steps">Step ids in order.</param>
public sealed record CadenceOutline(string CadenceId, string? Segment, IReadOnlyList<string> Steps);
