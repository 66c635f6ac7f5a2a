using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// A rule-set change (or anything else) never re-runs a written step, never skips one silently and never fails a batch:
/// each step reaches the CRM at most once per enrollment, every skip records its reason, and no cycle throws.
/// </summary>
public sealed class NoRerunInvariant : ISimInvariant
{
    public string Name => "NoRerun";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        foreach (var touch in hour.NewTouches)
        {
            var same = history.TouchesOf(touch.EnrollmentId).Count(t => t.StepId == touch.StepId);
            if (same > 1)
            {
                violations.Add(SpacingInvariant.Line(touch, $"written {same} times"));
            }
        }

        if (!hour.CycleRan)
        {
            return;
        }

        foreach (var (at, error) in history.CycleFailures.Where(f => f.At > hour.Now.AddHours(-1)))
        {
            violations.Add($"The cycle at {at:u} failed: {error}");
        }

        foreach (var runs in history.RunsByEnrollment.Values)
        {
            var last = runs[^1];
            if (last.RecordedAt > hour.Now.AddHours(-1) && last.Outcome == "Skipped" && string.IsNullOrWhiteSpace(last.Reason))
            {
                violations.Add($"Enrollment {last.EnrollmentId:N} skipped step '{last.StepId}' at {last.RecordedAt:u} without a reason");
            }
        }
    }
}
