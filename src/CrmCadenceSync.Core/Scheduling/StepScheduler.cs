using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Scheduling;

/// <summary>When each step of a cadence is due, in the contact's local business hours.</summary>
public static class StepScheduler
{
    /// <summary>The zone a contact's touches are timed in: the contact's, else its owner's, else the cadence's default.</summary>
    public static TimeZoneInfo ZoneFor(string? contactTimeZone, string? ownerTimeZone, TimeZoneInfo cadenceDefault)
    {
        if (TimeZones.TryResolve(contactTimeZone, out var contactZone))
        {
            return contactZone;
        }

        return TimeZones.TryResolve(ownerTimeZone, out var ownerZone) ? ownerZone : cadenceDefault;
    }

    /// <param name="calendar">The cadence's business days, hours and holidays.</param>
    /// <param name="step">The step to time.</param>
    /// <param name="zone">The contact's zone (see <see cref="ZoneFor"/>).</param>
    /// <param name="enrolledAt">When the contact entered the cadence.</param>
    /// <param name="previousStepAt">When the previous step was due; used by delay-timed steps.</param>
    public static DateTimeOffset DueAt(
        BusinessCalendar calendar, Step step, TimeZoneInfo zone, DateTimeOffset enrolledAt, DateTimeOffset? previousStepAt)
    {
        DateTime local;
        if (step.DayOffset is { } dayOffset)
        {
            // An enrollment after hours starts at the next opening, so "day 0" and "day 1" stay a day apart.
            var start = calendar.NextOpening(ZonedTime.ToLocal(enrolledAt, zone));
            var date = calendar.AddBusinessDays(DateOnly.FromDateTime(start), dayOffset);
            local = calendar.NextOpening(date.ToDateTime(step.TimeOfDay ?? TimeOnly.FromDateTime(start)));
            if (local < start)
            {
                local = start;
            }
        }
        else
        {
            var after = (previousStepAt ?? enrolledAt) + (step.DelayAfterPrevious ?? TimeSpan.Zero);
            local = calendar.NextOpening(ZonedTime.ToLocal(after, zone));
        }

        return Settle(calendar, zone, local);
    }

    /// <summary>
    /// For a step timed after an engagement: due <see cref="StepWait.BusinessDays"/> business days after the signal,
    /// at the step's time of day (else the signal's), in business hours of the contact's zone.
    /// </summary>
    public static DateTimeOffset DueAfterSignal(BusinessCalendar calendar, Step step, TimeZoneInfo zone, DateTimeOffset signalAt)
    {
        var wait = step.AfterSignal ?? throw new ArgumentException($"Step '{step.Id}' is not timed after a signal.", nameof(step));
        var signal = ZonedTime.ToLocal(signalAt, zone);
        var date = calendar.AddBusinessDays(DateOnly.FromDateTime(signal), wait.BusinessDays);
        var local = calendar.NextOpening(date.ToDateTime(step.TimeOfDay ?? TimeOnly.FromDateTime(signal)));
        return Settle(calendar, zone, local < signal ? calendar.NextOpening(signal) : local);
    }

    /// <summary>When a step waiting for a signal gives up: its wait, in business days, after the previous step.</summary>
    public static DateTimeOffset WaitDeadline(BusinessCalendar calendar, Step step, TimeZoneInfo zone, DateTimeOffset previousStepAt)
    {
        var wait = step.AfterSignal ?? throw new ArgumentException($"Step '{step.Id}' is not timed after a signal.", nameof(step));
        var previous = ZonedTime.ToLocal(previousStepAt, zone);
        var date = calendar.AddBusinessDays(DateOnly.FromDateTime(previous), wait.WaitUpToBusinessDays);
        return Settle(calendar, zone, calendar.NextOpening(date.ToDateTime(TimeOnly.FromDateTime(previous))));
    }

    /// <summary>Converts to an instant; a time pushed by a DST gap past closing moves to the next opening.</summary>
    private static DateTimeOffset Settle(BusinessCalendar calendar, TimeZoneInfo zone, DateTime local)
    {
        var instant = ZonedTime.ToInstant(local, zone);
        if (instant.DateTime == local)
        {
            return instant;
        }

        var shifted = instant.DateTime;
        var open = calendar.NextOpening(shifted);
        return open == shifted ? instant : ZonedTime.ToInstant(open, zone);
    }
}
