namespace CrmCadenceSync.Core.Rules.Versions;

/// <summary>Where an enrollment stands in an edited cadence: its next step, found by id, never by position.</summary>
/// <param name="NextStepIndex">The position of the next step in the new cadence; its step count when none is left.</param>
/// <param name="RemovedStepId">The step the enrollment stood on when the edit removed it, so the change is recorded, not silent.</param>
public sealed record StepMapping(int NextStepIndex, string? RemovedStepId)
{
    /// <param name="from">The cadence as the enrollment ran it.</param>
    /// <param name="to">The same cadence in the new version.</param>
    /// <param name="nextStepIndex">The enrollment's next step in <paramref name="from"/>.</param>
    /// <remarks>
    /// A step still there is kept wherever it moved. A removed one gives way to the first step after it (in the old order)
    /// that is still there; failing that, to the step after the last one the contact had that is still there. Steps added
    /// before the enrollment's position are not run: the contact is past that point.
    /// </remarks>
    public static StepMapping Map(Cadence from, Cadence to, int nextStepIndex)
    {
        if (nextStepIndex >= from.Steps.Count)
        {
            return new StepMapping(to.Steps.Count, null);
        }

        var current = from.Steps[nextStepIndex].Id;
        if (IndexOf(to, current) is { } kept)
        {
            return new StepMapping(kept, null);
        }

        for (var i = nextStepIndex + 1; i < from.Steps.Count; i++)
        {
            if (IndexOf(to, from.Steps[i].Id) is { } following)
            {
                return new StepMapping(following, current);
            }
        }

        for (var i = nextStepIndex - 1; i >= 0; i--)
        {
            if (IndexOf(to, from.Steps[i].Id) is { } done)
            {
                return new StepMapping(done + 1, current);
            }
        }

        return new StepMapping(to.Steps.Count, current);
    }

    private static int? IndexOf(Cadence cadence, string stepId)
    {
        for (var i = 0; i < cadence.Steps.Count; i++)
        {
            if (string.Equals(cadence.Steps[i].Id, stepId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
