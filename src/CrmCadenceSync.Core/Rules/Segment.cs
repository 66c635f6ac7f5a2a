using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Rules;

/// <summary>An intent segment: a score band <c>[MinScore, MaxScore)</c>, optional filters, and the cadence it feeds.</summary>
public sealed class Segment
{
    public required string Name { get; init; }

    /// <summary>Position in the rule set; earlier segments win.</summary>
    public required int Order { get; init; }

    public decimal? MinScore { get; init; }

    public decimal? MaxScore { get; init; }

    public bool Unscored { get; init; }

    public SegmentFilter Filter { get; init; } = SegmentFilter.None;

    public required string CadenceId { get; init; }

    /// <summary>False for a segment that only opts in to unscored contacts (<c>Unscored</c> and no score band).</summary>
    public bool TakesScored => !Unscored || MinScore is not null || MaxScore is not null;

    /// <summary>True when the segment matches every scored contact: no band and no filter.</summary>
    public bool IsCatchAll => TakesScored && MinScore is null && MaxScore is null && Filter.IsEmpty;

    public bool Matches(Contact contact)
    {
        if (contact.LeadScore is not { } score)
        {
            return Unscored && Filter.Matches(contact);
        }

        if (!TakesScored || (MinScore is { } min && score < min) || (MaxScore is { } max && score >= max))
        {
            return false;
        }

        return Filter.Matches(contact);
    }

    /// <summary>The band in words: "[50, 70)", "70 and above", "unscored only".</summary>
    public string BandDescription =>
        TakesScored ? new Compilation.ScoreBand(MinScore, MaxScore).ToString() + (Unscored ? ", and unscored" : "") : "unscored only";

    /// <summary>True when this segment's band lies above <paramref name="other"/>'s (a move "up").</summary>
    public bool IsAbove(Segment other) =>
        (MinScore ?? decimal.MinValue) > (other.MinScore ?? decimal.MinValue);
}
