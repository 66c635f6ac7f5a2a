namespace CrmCadenceSync.Storage.Entities;

/// <summary>One version of the rule set; the configuration seeds version 1.</summary>
public sealed class RuleSetVersionEntity
{
    public int Version { get; set; }

    public required string DefinitionJson { get; set; }

    public required string Author { get; set; }

    public required string ChangeSummary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsActive { get; set; }
}
