namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>Checks a list of call outcomes that end enrollments: no blank entries, trimmed, each once.</summary>
internal static class CallOutcomeRules
{
    public static IReadOnlyList<string> Compile(string where, IReadOnlyList<string?> outcomes, List<RuleSetError> errors)
    {
        var compiled = new List<string>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i]?.Trim();
            if (string.IsNullOrEmpty(outcome))
            {
                errors.Add(new($"{where} entry #{i + 1} is empty; name a call outcome such as \"not interested\"."));
            }
            else if (compiled.Contains(outcome, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new($"{where} lists \"{outcome}\" twice."));
            }
            else
            {
                compiled.Add(outcome);
            }
        }

        return compiled;
    }
}
