namespace CrmCadenceSync.Worker.Admin.Rules;

/// <summary>The answer of <c>POST /api/rules/validate</c> for a valid rule set (an invalid one gets a 422 problem).</summary>
public sealed record RuleSetValidation(bool Valid, int Segments, int Cadences, int Steps, IReadOnlyList<string> Errors);
