using System.Text.Json.Nodes;

namespace CrmCadenceSync.Worker.Admin.Rules;

/// <summary>A stored rule-set version; <see cref="Definition"/> is left out of the history list.</summary>
public sealed record RuleSetVersionView(int Version, bool Active, string Author, DateTimeOffset CreatedAt, string ChangeSummary, JsonNode? Definition);
