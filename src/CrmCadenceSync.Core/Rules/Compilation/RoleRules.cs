using System.Text.RegularExpressions;
using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>Checks and builds the role catalog: names, persona values and title patterns.</summary>
internal static class RoleRules
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public static RoleCatalog Compile(RolesDefinition definition, List<RuleSetError> errors)
    {
        var roles = new List<RoleCatalog.Role>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Definitions.Count; i++)
        {
            var role = definition.Definitions[i];
            var name = role.Name.Trim();
            if (name.Length == 0)
            {
                errors.Add(new($"Role #{i + 1} has no name."));
                continue;
            }

            if (!names.Add(name))
            {
                errors.Add(new($"Role '{name}' is defined twice."));
            }

            if (role.PersonaValues.Count == 0 && role.TitlePatterns.Count == 0)
            {
                errors.Add(new($"Role '{name}' has neither persona values nor title patterns, so no contact could have it."));
            }

            var patterns = new List<Regex>();
            foreach (var pattern in role.TitlePatterns)
            {
                try
                {
                    patterns.Add(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout));
                }
                catch (ArgumentException e)
                {
                    errors.Add(new($"Role '{name}' title pattern '{pattern}' is not a valid regular expression: {e.Message}"));
                }
            }

            roles.Add(new RoleCatalog.Role(
                name,
                role.PersonaValues.Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
                patterns));
        }

        return new RoleCatalog(string.IsNullOrWhiteSpace(definition.PersonaProperty) ? null : definition.PersonaProperty.Trim(), roles);
    }
}
