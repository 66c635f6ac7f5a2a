namespace CrmCadenceSync.Core.Rules.Definitions;

/// <summary>
/// Tries a rule set on a slice first: at most <see cref="MaxEnrollmentsPerDay"/> new segment enrollments a day, and/or
/// only <see cref="Percentage"/> percent of contacts (a stable choice per contact). Neither set: no pilot.
/// </summary>
public sealed class PilotDefinition
{
    public int? MaxEnrollmentsPerDay { get; set; }

    public int? Percentage { get; set; }
}
