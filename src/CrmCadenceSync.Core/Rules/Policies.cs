using CrmCadenceSync.Core.Enrollments;

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

    /// <summary>
    /// Per exit reason, how long after an enrollment ended that way the contact waits to re-enter the same cadence; a
    /// null wait is never. A reason not listed waits <see cref="ReenrollAfter"/>.
    /// </summary>
    public IReadOnlyDictionary<ExitReason, TimeSpan?> Reenroll { get; init; } = new Dictionary<ExitReason, TimeSpan?>();

    /// <summary>How long an enrollment may stay held before it exits as <see cref="ExitReason.HeldTooLong"/>.</summary>
    public TimeSpan MaxHeld { get; init; } = TimeSpan.FromDays(Definitions.PolicyDefinition.DefaultMaxHeldDays);

    /// <summary>The wait before re-entering the cadence an enrollment ended in for <paramref name="reason"/>; null: never.</summary>
    /// <param name="reason">The exit reason; null for a completion after engagement.</param>
    public TimeSpan? ReenrollWait(ExitReason? reason) =>
        reason is { } known && Reenroll.TryGetValue(known, out var wait) ? wait : ReenrollAfter;

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
