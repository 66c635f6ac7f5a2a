namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>
/// Checks a step's <c>RequiredFields</c>: each names a merge field with its prefix (<c>contact.quiz_timeline</c>) that
/// one of the step's own templates uses. A name no template uses is almost always a typo, and a typo here would hold
/// every contact at that step until <c>Policies:MaxHeldDays</c> ends the enrollment.
/// </summary>
internal static class RequiredFieldRules
{
    private static readonly string[] Roots = ["contact", "owner", "trigger", "cadence", "step"];

    public static IReadOnlyList<string> Check(string stepName, IReadOnlyList<string?> declared, IReadOnlyList<StepVariant> variants, List<RuleSetError> errors)
    {
        var used = variants
            .SelectMany(v => (v.Subject?.Fields ?? []).Concat(v.Body.Fields))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var fields = new List<string>();
        for (var i = 0; i < declared.Count; i++)
        {
            var field = declared[i]?.Trim() ?? "";
            if (field.Length == 0)
            {
                errors.Add(new($"{stepName} RequiredFields entry {i + 1} is empty; name a merge field such as contact.quiz_timeline."));
                continue;
            }

            var dot = field.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == field.Length - 1 || !Roots.Contains(field[..dot], StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new($"{stepName} RequiredFields entry '{field}' is not a merge field; write it as the templates do, starting with {string.Join(", ", Roots.Select(r => r + "."))} (for example contact.{field})."));
                continue;
            }

            var match = used.FirstOrDefault(u => u.Equals(field, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var hint = used.Count == 0 ? "they use no merge fields" : $"they use {string.Join(", ", used)}";
                errors.Add(new($"{stepName} RequiredFields names '{field}', which none of the step's templates use ({hint})."));
                continue;
            }

            if (!fields.Contains(match, StringComparer.OrdinalIgnoreCase))
            {
                fields.Add(match);
            }
        }

        return fields;
    }
}
