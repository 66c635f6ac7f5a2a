using System.Text.Json.Nodes;

namespace CrmCadenceSync.Worker.Admin.Rules;

/// <summary>
/// <c>POST /api/rules/activate</c>: the candidate rule set (<see cref="RuleSet"/>)
/// and who is activating it, recorded beside the API key's name.
/// </summary>
public sealed record ActivateRequest(JsonNode? RuleSet, string? Author);
