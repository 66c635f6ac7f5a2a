namespace CrmCadenceSync.Core.Rules.Definitions;

/// <summary>
/// An outside event (a CPQ tool announcing a new bundle) that enrolls every stored contact matching the filter into
/// a cadence, with the event's fields as merge fields (<c>{{trigger.offer_name}}</c>). Its signing secret is
/// configuration (<c>TriggerSecrets:{Name}</c>), never part of the rule set.
/// </summary>
public sealed class TriggerDefinition
{
    public string Name { get; set; } = "";

    public string Cadence { get; set; } = "";

    public decimal? MinScore { get; set; }

    public decimal? MaxScore { get; set; }

    public List<string> LifecycleStages { get; set; } = [];

    public List<string> LeadSources { get; set; } = [];

    public List<string> Countries { get; set; } = [];

    public Dictionary<string, List<string>> Properties { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields every event must carry; they become <c>trigger.*</c> merge fields.</summary>
    public List<string> Fields { get; set; } = [];
}
