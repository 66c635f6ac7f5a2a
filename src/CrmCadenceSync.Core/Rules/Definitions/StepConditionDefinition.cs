namespace CrmCadenceSync.Core.Rules.Definitions;

/// <summary>For example <c>{ "Signal": "LastEmailOpened", "Expected": true }</c>.</summary>
public sealed class StepConditionDefinition
{
    public EngagementSignal Signal { get; set; }

    public bool Expected { get; set; } = true;
}
