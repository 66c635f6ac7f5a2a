namespace CrmCadenceSync.Core.Rules;

public sealed record Policies(
    SegmentChangePolicy OnSegmentChange,
    TimeSpan ReenrollAfter,
    int RepDailyTaskCap,
    SuppressedStepPolicy OnSuppressedStep,
    IReadOnlyList<string> PauseInLifecycleStages)
{
    public bool PausesIn(string? lifecycleStage)
    {
        if (string.IsNullOrEmpty(lifecycleStage))
        {
            return false;
        }

        foreach (var stage in PauseInLifecycleStages)
        {
            if (string.Equals(stage, lifecycleStage, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
