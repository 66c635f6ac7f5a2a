namespace CrmCadenceSync.Core.Rules.Definitions;

/// <summary>One version of a step's message, for A/B tests or for particular roles.</summary>
public sealed class StepVariantDefinition
{
    public string Name { get; set; } = "";

    /// <summary>Relative share of the contacts that get this variant (among variants for the same audience).</summary>
    public int Weight { get; set; } = 1;

    /// <summary>Only contacts in these roles get this variant; empty means everyone not served by a role variant.</summary>
    public List<string> Roles { get; set; } = [];

    public string? Subject { get; set; }

    public string? Body { get; set; }
}
