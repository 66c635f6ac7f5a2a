using System.Globalization;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Scheduling;

namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>Checks and builds the cadences: time zone, business hours, holidays and steps.</summary>
internal static class CadenceRules
{
    public static Dictionary<string, Cadence> Compile(
        IReadOnlyList<CadenceDefinition> definitions, StepRules steps, List<RuleSetError> errors)
    {
        var cadences = new Dictionary<string, Cadence>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var id = definition.Id.Trim();
            if (id.Length == 0)
            {
                errors.Add(new($"Cadence #{i + 1} has no id."));
                continue;
            }

            if (cadences.ContainsKey(id))
            {
                errors.Add(new($"Cadence '{id}' is defined twice."));
                continue;
            }

            var cadence = CompileOne(id, definition, steps, errors);
            if (cadence is not null)
            {
                cadences.Add(id, cadence);
            }
        }

        return cadences;
    }

    /// <summary>The ids of the cadences the definition declares, valid or not, so segments can be checked against them.</summary>
    public static HashSet<string> DeclaredIds(IEnumerable<CadenceDefinition> definitions) =>
        definitions.Select(c => c.Id.Trim()).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static Cadence? CompileOne(string id, CadenceDefinition definition, StepRules steps, List<RuleSetError> errors)
    {
        var errorCount = errors.Count;
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            errors.Add(new($"Cadence '{id}' has no name."));
        }

        if (!TimeZones.TryResolve(definition.TimeZone, out var zone))
        {
            errors.Add(new($"Cadence '{id}' time zone '{definition.TimeZone}' is not a known IANA time zone (for example America/New_York)."));
        }

        var hours = definition.BusinessHours;
        if (hours.Start >= hours.End)
        {
            errors.Add(new($"Cadence '{id}' business hours start at {hours.Start:HH\\:mm}, which is not before their end at {hours.End:HH\\:mm}."));
        }

        var days = hours.Days ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        if (days.Count == 0)
        {
            errors.Add(new($"Cadence '{id}' has no business days."));
        }

        var holidays = new List<DateOnly>();
        foreach (var holiday in definition.Holidays)
        {
            if (DateOnly.TryParseExact(holiday?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                errors.Add(new($"Cadence '{id}' holiday '{holiday}' is not a date (expected yyyy-MM-dd)."));
            }
        }

        if (definition.Steps.Count == 0)
        {
            errors.Add(new($"Cadence '{id}' has no steps."));
        }

        var compiledSteps = steps.Compile(id, definition.Steps, hours, errors);
        var exitOutcomes = definition.ExitOnCallOutcomes is { } outcomes
            ? CallOutcomeRules.Compile($"Cadence '{id}' ExitOnCallOutcomes", outcomes, errors)
            : null;
        if (errors.Count > errorCount || zone is null)
        {
            return null;
        }

        return new Cadence
        {
            Id = id,
            Name = definition.Name.Trim(),
            Goal = definition.Goal.Trim(),
            TimeZone = zone,
            Calendar = new BusinessCalendar(days, hours.Start, hours.End, holidays),
            Steps = compiledSteps,
            ExitOnCallOutcomes = exitOutcomes,
            ContinueOnConversion = definition.ContinueOnConversion,
        };
    }
}
