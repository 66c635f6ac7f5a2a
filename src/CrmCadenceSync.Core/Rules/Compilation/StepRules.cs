using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>Checks and builds a cadence's steps: ids, timing, channel and kind, and templates.</summary>
internal sealed class StepRules(TemplateEngine templates, IReadOnlyCollection<string> roles)
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

            CheckRoles(name, "skips role", definition.SkipForRoles, errors);
            var variants = definition.Variants.Count == 0
                ? Message(name, StepVariant.DefaultName, 1, [], definition.Kind, definition.Subject, definition.Body, errors) is { } single ? [single] : []
                : Variants(name, definition, errors);
            if (variants.Count == 0 || variants.Count != Math.Max(1, definition.Variants.Count))
            {
                continue;
            }

            var required = definition.RequiredFields is null ? null : RequiredFieldRules.Check(name, definition.RequiredFields, variants, errors);

            steps.Add(new Step
            {
                Id = id,
                Number = i + 1,
                DayOffset = definition.DayOffset,
                DelayAfterPrevious = definition.DelayAfterPrevious,
                AfterSignal = definition.AfterSignal is { } signal ? new StepWait(signal.Signal, signal.BusinessDays, signal.WaitUpToBusinessDays) : null,
                TimeOfDay = definition.TimeOfDay,
                Channel = definition.Channel,
                Kind = definition.Kind,
                Priority = definition.Priority,
                Variants = variants,
                SkipForRoles = definition.SkipForRoles.Select(r => r.Trim()).ToHashSet(StringComparer.Ordinal),
                Conditions = [.. definition.Conditions.Select(c => new StepCondition(c.Signal, c.Expected))],
                RequiredFields = required,
            });
        }

        return steps;
    }

    private List<StepVariant> Variants(string name, StepDefinition definition, List<RuleSetError> errors)
    {
        var variants = new List<StepVariant>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variant in definition.Variants)
        {
            var variantName = variant.Name.Trim();
            if (variantName.Length == 0 || !names.Add(variantName))
            {
                errors.Add(new(variantName.Length == 0 ? $"{name} has a variant without a name." : $"{name} has two variants named '{variantName}'."));
                continue;
            }

            if (variant.Weight < 1)
            {
                errors.Add(new($"{name} variant '{variantName}' has a weight of {variant.Weight}; weights must be at least 1."));
            }

            CheckRoles($"{name} variant '{variantName}'", "is for role", variant.Roles, errors);
            if (Message($"{name} variant '{variantName}'", variantName, variant.Weight, variant.Roles, definition.Kind, variant.Subject, variant.Body, errors) is { } message)
            {
                variants.Add(message);
            }
        }

        if (definition.Variants.Count > 0 && definition.Variants.All(v => v.Roles.Count > 0))
        {
            errors.Add(new($"{name} has variants only for particular roles; add one without Roles for everyone else."));
        }

        // The first variant is the one for everyone (see Step.Body).
        return [.. variants.OrderBy(v => v.ForEveryone ? 0 : 1)];
    }

    private StepVariant? Message(
        string name, string variantName, int weight, List<string> roleNames, StepKind kind, string? subjectSource, string? bodySource, List<RuleSetError> errors)
    {
        var subject = kind == StepKind.Note ? null : Template(name, "subject", subjectSource, errors);
        var body = Template(name, "body", bodySource, errors);
        return body is null || (subject is null && kind != StepKind.Note)
            ? null
            : new StepVariant(variantName, Math.Max(1, weight), roleNames.Select(r => r.Trim()).ToHashSet(StringComparer.Ordinal), subject, body);
    }

    private void CheckRoles(string name, string what, List<string> named, List<RuleSetError> errors)
    {
        foreach (var role in named.Select(r => r.Trim()).Where(r => !roles.Contains(r)))
        {
            errors.Add(new($"{name} {what} '{role}', which is not defined under Roles."));
        }
    }

    private static void CheckTiming(string name, StepDefinition definition, BusinessHoursDefinition hours, List<RuleSetError> errors)
    {
        var timings = new object?[] { definition.DayOffset, definition.DelayAfterPrevious, definition.AfterSignal }.Count(t => t is not null);
        if (timings != 1)
        {
            errors.Add(new(timings == 0
                ? $"{name} needs one of DayOffset, DelayAfterPrevious or AfterSignal."
                : $"{name} sets more than one of DayOffset, DelayAfterPrevious and AfterSignal; use one."));
        }

        if (definition.AfterSignal is { } wait && (wait.BusinessDays < 0 || wait.WaitUpToBusinessDays < 1))
        {
            errors.Add(new($"{name} AfterSignal needs BusinessDays of 0 or more and WaitUpToBusinessDays of 1 or more (it has {wait.BusinessDays} and {wait.WaitUpToBusinessDays})."));
        }

        switch (definition.DayOffset, definition.DelayAfterPrevious)
        {
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
