using System.Text.Json.Nodes;

namespace CrmCadenceSync.Worker.Admin.Rules;

/// <summary>
/// <c>POST /api/rules/activate</c>: the candidate rule set (<see cref="RuleSet"/>), who is activating it (recorded beside
/// the API key's name), and what running enrollments do: <c>Move</c> (the default) to the new version at their next step
/// by id, or <c>Stay</c> on the version they started on.
/// </summary>
public sealed record ActivateRequest(JsonNode? RuleSet, string? Author, string? OpenEnrollments = null);
