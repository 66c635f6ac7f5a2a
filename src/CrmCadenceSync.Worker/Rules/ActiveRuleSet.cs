using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>The rule set in force and its stored version number (recorded on every enrollment).</summary>
public sealed record ActiveRuleSet(RuleSet Rules, int Version);
