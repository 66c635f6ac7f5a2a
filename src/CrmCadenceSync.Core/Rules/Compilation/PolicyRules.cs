using System.Globalization;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Core.Rules.Compilation;

internal static class PolicyRules
{
    public static Policies Compile(PolicyDefinition definition, List<RuleSetError> errors)
    {
        if (definition.ReenrollAfterDays < 0)
        {
            errors.Add(new($"Policies: ReenrollAfterDays must not be negative (it is {definition.ReenrollAfterDays})."));
        }

        if (definition.RepDailyTaskCap < 1)
        {
            errors.Add(new($"Policies: RepDailyTaskCap must be at least 1 (it is {definition.RepDailyTaskCap})."));
        }

        if (definition.LateStepWindow is { } window && window < TimeSpan.Zero)
        {
            errors.Add(new($"Policies: LateStepWindow must not be negative (it is {window})."));
        }

        if (definition.MaxHeldDays < 1)
        {
            errors.Add(new($"Policies: MaxHeldDays must be at least 1 (it is {definition.MaxHeldDays})."));
        }

        var exitOutcomes = CallOutcomeRules.Compile("Policies: ExitOnCallOutcomes", definition.ExitOnCallOutcomes, errors);
        return new Policies(
            definition.OnSegmentChange,
            TimeSpan.FromDays(Math.Max(0, definition.ReenrollAfterDays)),
            definition.RepDailyTaskCap,
            definition.OnSuppressedStep,
            [.. definition.PauseInLifecycleStages.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())])
        {
            ExitOnCallOutcomes = exitOutcomes,
            LateStepWindow = definition.LateStepWindow,
            Reenroll = CompileReenroll(definition.Reenroll, errors),
            MaxHeld = TimeSpan.FromDays(Math.Max(1, definition.MaxHeldDays)),
        };
    }

    private static Dictionary<ExitReason, TimeSpan?> CompileReenroll(Dictionary<string, string>? reasons, List<RuleSetError> errors)
    {
        var compiled = new Dictionary<ExitReason, TimeSpan?>();
        foreach (var (name, value) in reasons ?? [])
        {
            if (!Enum.TryParse<ExitReason>(name, ignoreCase: true, out var reason) || !Enum.IsDefined(reason) || int.TryParse(name, out _))
            {
                errors.Add(new($"Policies: Reenroll:{name} is not an exit reason; use one of {string.Join(", ", Enum.GetNames<ExitReason>())}."));
                continue;
            }

            if (string.Equals(value?.Trim(), PolicyDefinition.Never, StringComparison.OrdinalIgnoreCase))
            {
                compiled[reason] = null;
            }
            else if (int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            {
                compiled[reason] = TimeSpan.FromDays(days);
            }
            else
            {
                errors.Add(new($"Policies: Reenroll:{name} must be {PolicyDefinition.Never} or a whole number of days (it is '{value}')."));
            }
        }

        return compiled;
    }
}
