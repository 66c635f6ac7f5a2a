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
        };
    }
}
