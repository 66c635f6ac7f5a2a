namespace CrmCadenceSync.Core.Rules;

/// <summary>Pilot throttles on new segment enrollments; moves between cadences and triggered enrollments are not throttled.</summary>
public sealed record Pilot(int? MaxEnrollmentsPerDay, int? Percentage)
{
    public static readonly Pilot None = new(null, null);

    public bool IsOn => MaxEnrollmentsPerDay is not null || Percentage is not null;

    /// <summary>Whether the contact is in the pilot's percentage: the same contact always gets the same answer.</summary>
    public bool Selects(string contactKey) =>
        Percentage is not { } percentage || (int)(VariantAssignment.StableHash($"{contactKey}|pilot") % 100) < percentage;
}
