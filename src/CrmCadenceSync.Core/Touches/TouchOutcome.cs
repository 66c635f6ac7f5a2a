using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Touches;

/// <summary>What to do with a step that has come due.</summary>
public abstract record TouchOutcome(Step Step);
