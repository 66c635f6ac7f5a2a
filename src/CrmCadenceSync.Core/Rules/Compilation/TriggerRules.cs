using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Core.Rules.Compilation;

internal static class TriggerRules
{
    public static Dictionary<string, Trigger> Compile(
        IReadOnlyList<TriggerDefinition> definitions, IReadOnlySet<string> cadenceIds, List<RuleSetError> errors)
    {
        var triggers = new Dictionary<string, Trigger>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var name = definition.Name.Trim();
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                errors.Add(new(name.Length == 0
                    ? $"Trigger #{i + 1} has no name."
                    : $"Trigger '{name}' has a name that cannot be part of its URL; use letters, digits, '-' and '_'."));
                continue;
            }

            if (triggers.ContainsKey(name))
            {
                errors.Add(new($"Trigger '{name}' is defined twice."));
                continue;
            }

            if (!cadenceIds.Contains(definition.Cadence))
            {
                errors.Add(new($"Trigger '{name}' names cadence '{definition.Cadence}', which is not defined."));
            }

            if (definition is { MinScore: { } min, MaxScore: { } max } && min >= max)
            {
                errors.Add(new($"Trigger '{name}' has MinScore {ScoreBand.Format(min)}, which is not below its MaxScore {ScoreBand.Format(max)}."));
            }

            var fields = definition.Fields.Select(f => f.Trim()).ToList();
            foreach (var field in fields.Where(f => f.Length == 0 || f.Contains('.', StringComparison.Ordinal)))
            {
                errors.Add(new($"Trigger '{name}' field '{field}' is not a plain name (it becomes {{{{trigger.<name>}}}})."));
            }

            triggers[name] = new Trigger
            {
                Name = name,
                CadenceId = definition.Cadence,
                MinScore = definition.MinScore,
                MaxScore = definition.MaxScore,
                Filter = SegmentFilter.From(definition.LifecycleStages, definition.LeadSources, definition.Countries, definition.Properties),
                Fields = fields,
            };
        }

        return triggers;
    }
}
