namespace CrmCadenceSync.Core.Rules.Definitions;

public sealed class SegmentDefinition
{
    public string Name { get; set; } = "";

    /// <summary>Inclusive lower bound of the score band; none means no lower bound.</summary>
    public decimal? MinScore { get; set; }

    /// <summary>Exclusive upper bound of the score band; none means no upper bound.</summary>
    public decimal? MaxScore { get; set; }

    /// <summary>
    /// Contacts without a score match no band; a segment opts in to them with this flag. With no score band
    /// as well, the segment takes only unscored contacts.
    /// </summary>
    public bool Unscored { get; set; }

    public List<string> LifecycleStages { get; set; } = [];

    public List<string> LeadSources { get; set; } = [];

    public List<string> Countries { get; set; } = [];

    /// <summary>Property name to the values that match (any of them, case-insensitive).</summary>
    public Dictionary<string, List<string>> Properties { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string Cadence { get; set; } = "";
}
