using System.Globalization;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// Spacing, as <see cref="StepScheduler.DueAt"/> defines it: a day-offset step is due no sooner than the plan from the
/// enrollment and no sooner than the gap between the two offsets, in business days, after the previous step was actually
/// written; a delay counts local days from it. So after a pause, hold, cap or downtime the later steps shift, and a
/// long-overdue step goes out alone, never in a batch with the ones after it.
/// </summary>
/// <remarks>
/// The previous touch is the last one written before this one (a skipped step in between only makes the worker's bound
/// later), the gap is the one between this step and the step before it in the cadence version the enrollment is on.
/// </remarks>
public sealed class SpacingInvariant : ISimInvariant
{
    public string Name => "Spacing";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        foreach (var touch in hour.NewTouches)
        {
            if (!history.Enrollments.TryGetValue(touch.EnrollmentId, out var enrollment)
                || history.CadenceOf(enrollment.Version, enrollment.CadenceId) is not { } cadence)
            {
                continue;
            }

            var index = IndexOf(cadence.Steps, touch.StepId);
            if (index <= 0)
            {
                continue;
            }

            var step = cadence.Steps[index];
            var previousStep = cadence.Steps[index - 1];
            var previous = PreviousWrite(history, touch);
            string? problem = null;
            foreach (var zone in ZoneOf.Seen(history, touch, cadence))
            {
                problem = Problem(cadence, enrollment, step, previousStep, touch, previous, zone);
                if (problem is null)
                {
                    break;
                }
            }

            if (problem is not null)
            {
                violations.Add(Line(touch, problem));
            }
        }
    }

    /// <summary>Why the touch breaks its spacing when timed in <paramref name="zone"/>, or null when it keeps it.</summary>
    private static string? Problem(Cadence cadence, EnrollmentFact enrollment, Step step, Step previousStep, Touch touch, Touch? previous, TimeZoneInfo zone)
    {
        var written = ZonedTime.ToLocal(touch.WrittenAt, zone);
        if (step.DayOffset is { } offset)
        {
            var opening = cadence.Calendar.NextOpening(ZonedTime.ToLocal(enrollment.EnrolledAt, zone));
            var planned = cadence.Calendar.AddBusinessDays(DateOnly.FromDateTime(opening), offset);
            if (DateOnly.FromDateTime(written) < planned)
            {
                return $"written {written:yyyy-MM-dd HH:mm} before its planned day {planned:yyyy-MM-dd} (day {offset} from the enrollment at {enrollment.EnrolledAt:u}, {zone.Id})";
            }
        }

        if (previous is null)
        {
            return null;
        }

        var after = ZonedTime.ToLocal(previous.WrittenAt, zone);
        if (step.DayOffset is { } dayOffset)
        {
            var gap = previousStep.DayOffset is { } previousOffset ? Math.Max(0, dayOffset - previousOffset) : 0;
            var earliest = cadence.Calendar.AddBusinessDays(DateOnly.FromDateTime(after), gap);
            if (gap > 0 && DateOnly.FromDateTime(written) < earliest)
            {
                return $"written {written:yyyy-MM-dd HH:mm}, {gap} business day(s) after '{previous.StepId}' written {after:yyyy-MM-dd HH:mm} means not before {earliest:yyyy-MM-dd} ({zone.Id})";
            }
        }
        else if (step.DelayAfterPrevious is { } delay && delay > TimeSpan.Zero)
        {
            var wholeDays = delay.Ticks % TimeSpan.TicksPerDay == 0 && step.TimeOfDay is not null;
            var tooSoon = wholeDays
                ? DateOnly.FromDateTime(written) < DateOnly.FromDateTime(after).AddDays((int)delay.TotalDays)
                : written < after + delay;
            if (tooSoon)
            {
                return $"written {written:yyyy-MM-dd HH:mm}, less than its delay {delay} after '{previous.StepId}' written {after:yyyy-MM-dd HH:mm} ({zone.Id})";
            }
        }

        return null;
    }

    /// <summary>The touch of the same enrollment the CRM received just before this one (in the same cycle too).</summary>
    private static Touch? PreviousWrite(SimHistory history, Touch touch)
    {
        Touch? previous = null;
        foreach (var other in history.TouchesOf(touch.EnrollmentId))
        {
            if (ReferenceEquals(other, touch))
            {
                return previous;
            }

            previous = other;
        }

        return null;
    }

    internal static int IndexOf(IReadOnlyList<Step> steps, string id)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (string.Equals(steps[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    internal static string Line(Touch touch, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{touch.Connection} contact {touch.ContactId} enrollment {touch.EnrollmentId:N} step '{touch.StepId}': {what}");
}
