using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>Checks and builds a cadence's steps: ids, timing, channel and kind, and templates.</summary>
internal sealed class StepRules(TemplateEngine templates)
{
    public List<Step> Compile(
        string cadenceId, IReadOnlyList<StepDefinition> definitions, BusinessHoursDefinition hours, List<RuleSetError> errors)
    {
        var steps = new List<Step>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        (string Id, int Day)? lastDayStep = null;
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var id = definition.Id.Trim();
            if (id.Length == 0)
            {
                errors.Add(new($"Cadence '{cadenceId}' step {i + 1} has no id."));
                id = $"#{i + 1}";
            }
            else if (!ids.Add(id))
            {
                errors.Add(new($"Cadence '{cadenceId}' step '{id}' is defined twice."));
            }

            var name = $"Cadence '{cadenceId}' step '{id}'";
            CheckTiming(name, definition, hours, errors);
            if (definition.DayOffset is { } day and >= 0)
            {
                if (lastDayStep is { } last && day < last.Day)
                {
                    errors.Add(new($"{name} is due on day offset {day}, before the previous step '{last.Id}' (day offset {last.Day}); list steps in the order they run."));
                }

                lastDayStep = (id, day);
            }

            if (definition.Kind is StepKind.ManualEmail or StepKind.AutoEmail && definition.Channel != StepChannel.Email)
            {
                errors.Add(new($"{name} is of kind {definition.Kind} but uses channel {definition.Channel}; email kinds use the Email channel."));
            }

            var subject = definition.Kind == StepKind.Note ? null : Template(name, "subject", definition.Subject, errors);
            var body = Template(name, "body", definition.Body, errors);
            if (body is null || (subject is null && definition.Kind != StepKind.Note))
            {
                continue;
            }

            steps.Add(new Step
            {
                Id = id,
                Number = i + 1,
                DayOffset = definition.DayOffset,
                DelayAfterPrevious = definition.DelayAfterPrevious,
                TimeOfDay = definition.TimeOfDay,
                Channel = definition.Channel,
                Kind = definition.Kind,
                Priority = definition.Priority,
                Subject = subject,
                Body = body,
                Conditions = [.. definition.Conditions.Select(c => new StepCondition(c.Signal, c.Expected))],
            });
        }

        return steps;
    }

    private static void CheckTiming(string name, StepDefinition definition, BusinessHoursDefinition hours, List<RuleSetError> errors)
    {
        switch (definition.DayOffset, definition.DelayAfterPrevious)
        {
            case (null, null):
                errors.Add(new($"{name} needs either DayOffset or DelayAfterPrevious."));
                break;
            case (not null, not null):
                errors.Add(new($"{name} sets both DayOffset and DelayAfterPrevious; use one."));
                break;
            case ({ } day, null) when day < 0:
                errors.Add(new($"{name} has a negative DayOffset ({day})."));
                break;
            case (null, { } delay) when delay < TimeSpan.Zero:
                errors.Add(new($"{name} has a negative DelayAfterPrevious ({delay})."));
                break;
        }

        if (definition.TimeOfDay is { } time && (time < hours.Start || time >= hours.End))
        {
            errors.Add(new($"{name} TimeOfDay {time:HH\\:mm} is outside business hours ({hours.Start:HH\\:mm} to {hours.End:HH\\:mm})."));
        }
    }

    private MessageTemplate? Template(string name, string part, string? source, List<RuleSetError> errors)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add(new($"{name} has no {part} template."));
            return null;
        }

        try
        {
            return templates.Compile(source);
        }
        catch (TemplateSyntaxException e)
        {
            errors.Add(new($"{name} {part} template is not valid: {e.Message}"));
            return null;
        }
    }
}
