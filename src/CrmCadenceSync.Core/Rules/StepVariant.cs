using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Rules;

/// <summary>One version of a step's message. A step without variants has one, named "default", for everyone.</summary>
public sealed record StepVariant(string Name, int Weight, IReadOnlySet<string> Roles, MessageTemplate? Subject, MessageTemplate Body)
{
    public const string DefaultName = "default";

    /// <summary>True when the variant is for everyone rather than for particular roles.</summary>
    public bool ForEveryone => Roles.Count == 0;
}
