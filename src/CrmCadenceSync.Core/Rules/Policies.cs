namespace CrmCadenceSync.Core.Rules;

public sealed record Policies(
    SegmentChangePolicy OnSegmentChange,
    TimeSpan ReenrollAfter,
    int RepDailyTaskCap,
    SuppressedStepPolicy OnSuppressedStep,
    IReadOnlyList<string> PauseInLifecycleStages)
{
    /// <summary>Call outcomes that end an enrollment, unless its cadence names its own (see <see cref="Cadence.ExitOnCallOutcomes"/>).</summary>
    public IReadOnlyList<string> ExitOnCallOutcomes { get; init; } = [];

    /// <summary>How overdue a step may be and still go out as planned; null: the step's own gap.</summary>
    public TimeSpan? LateStepWindow { get; init; }

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
