using System.Globalization;

namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>A half-open score interval <c>[Min, Max)</c>; a missing bound is unbounded.</summary>
internal readonly record struct ScoreBand(decimal? Min, decimal? Max)
{
    public bool IsValid => Min is null || Max is null || Min < Max;

    public bool IsUnbounded => Min is null && Max is null;

    public bool Overlaps(ScoreBand other) =>
        (Max is null || other.Min is null || other.Min < Max) && (other.Max is null || Min is null || Min < other.Max);

    public ScoreBand Intersect(ScoreBand other) => new(
        Min is null ? other.Min : other.Min is null ? Min : Math.Max(Min.Value, other.Min.Value),
        Max is null ? other.Max : other.Max is null ? Max : Math.Min(Max.Value, other.Max.Value));

    public override string ToString() => (Min, Max) switch
    {
        (null, null) => "every score",
        (null, { } max) => $"below {Format(max)}",
        ({ } min, null) => $"{Format(min)} and above",
        ({ } min, { } max) => $"[{Format(min)}, {Format(max)})",
    };

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
