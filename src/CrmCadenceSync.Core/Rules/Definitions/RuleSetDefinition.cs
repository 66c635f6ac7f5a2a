namespace CrmCadenceSync.Core.Rules.Definitions;

/// <summary>
/// The rule set as an admin writes it (appsettings.json, or JSON through the admin API).
/// Plain and mutable so configuration binding and JSON can fill it; <see cref="Compilation.RuleSetCompiler"/>
/// validates it and turns it into the immutable <see cref="RuleSet"/> the engine runs on.
/// </summary>
public sealed class RuleSetDefinition
{
    public List<SegmentDefinition> Segments { get; set; } = [];

    public List<CadenceDefinition> Cadences { get; set; } = [];

    public PolicyDefinition Policies { get; set; } = new();

    public RolesDefinition Roles { get; set; } = new();

    public List<TriggerDefinition> Triggers { get; set; } = [];

    public PilotDefinition Pilot { get; set; } = new();
}
