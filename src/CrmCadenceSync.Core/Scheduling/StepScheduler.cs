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
    /// <param name="previousStepAt">When the previous step was actually written (or skipped); null for the first step.</param>
    /// <param name="previousStep">The step before this one, whose day offset the gap is counted from.</param>
    /// <remarks>
    /// A day-offset step keeps the plan counted from the enrollment, but never comes sooner after the previous touch than
    /// the gap between the two offsets: when a pause, hold, cap or downtime delayed the previous touch, this one shifts with
    /// it. A delay counts local days and hours from the previous touch, so a daylight-saving change never moves it off its
    /// hour; with a time of day, a delay of whole days lands on the day it ends, at that time.
    /// </remarks>
    public static DateTimeOffset DueAt(
        BusinessCalendar calendar, Step step, TimeZoneInfo zone, DateTimeOffset enrolledAt, DateTimeOffset? previousStepAt, Step? previousStep = null)
    {
        DateTime local;
        if (step.DayOffset is { } dayOffset)
        {
            // An enrollment after hours starts at the next opening, so "day 0" and "day 1" stay a day apart.
            var start = calendar.NextOpening(ZonedTime.ToLocal(enrolledAt, zone));
            local = OnBusinessDay(calendar, calendar.AddBusinessDays(DateOnly.FromDateTime(start), dayOffset), step.TimeOfDay ?? TimeOnly.FromDateTime(start), start);
            if (previousStepAt is { } previous)
            {
                var gap = previousStep?.DayOffset is { } previousOffset ? Math.Max(0, dayOffset - previousOffset) : 0;
                var after = ZonedTime.ToLocal(previous, zone);
                var earliest = OnBusinessDay(calendar, calendar.AddBusinessDays(DateOnly.FromDateTime(after), gap), step.TimeOfDay ?? TimeOnly.FromDateTime(start), after);
                if (earliest > local)
                {
                    local = earliest;
                }
            }
        }
        else
        {
            local = AfterDelay(calendar, step, ZonedTime.ToLocal(previousStepAt ?? enrolledAt, zone));
        }

        return Settle(calendar, zone, local);
    }

    /// <summary>
    /// The time a step waits after the previous one: the gap between day offsets in business days, the delay, or the wait
    /// for a signal. A step more overdue than this (a worker stopped for weeks) is re-timed instead of written in the past.
    /// </summary>
    public static TimeSpan Gap(Step step, Step? previousStep) =>
        step.DayOffset is { } offset
            ? TimeSpan.FromDays(Math.Max(0, offset - (previousStep?.DayOffset ?? 0)))
            : step.DelayAfterPrevious ?? TimeSpan.FromDays(step.AfterSignal?.WaitUpToBusinessDays ?? 0);

    /// <summary>The time given, or the next opening after <paramref name="now"/> if that is later: nothing is due in the past.</summary>
    public static DateTimeOffset NotBefore(BusinessCalendar calendar, TimeZoneInfo zone, DateTimeOffset due, DateTimeOffset now)
    {
        if (due >= now)
        {
            return due;
        }

        var opening = Settle(calendar, zone, calendar.NextOpening(ZonedTime.ToLocal(now, zone)));
        return opening > now ? opening : now;
    }

    /// <summary>
    /// When a step found due at <paramref name="now"/> is written: as planned while it is no more than
    /// <paramref name="lateWindow"/> overdue; later than that (after downtime), now if business hours are open in the
    /// contact's zone, else at the next opening, so a backlog never goes out at night or dated weeks ago. A plan that
    /// falls outside business hours in <paramref name="zone"/> (the contact moved zone after it was made) is treated
    /// the same way.
    /// </summary>
    public static DateTimeOffset WhenDue(BusinessCalendar calendar, TimeZoneInfo zone, DateTimeOffset plannedAt, DateTimeOffset now, TimeSpan lateWindow)
    {
        if (now - plannedAt <= lateWindow && calendar.IsOpen(ZonedTime.ToLocal(plannedAt, zone)))
        {
            return plannedAt;
        }

        var from = plannedAt > now ? plannedAt : now;
        var opening = Settle(calendar, zone, calendar.NextOpening(ZonedTime.ToLocal(from, zone)));
        return opening > from ? opening : from;
    }

    private static DateTime AfterDelay(BusinessCalendar calendar, Step step, DateTime previous)
    {
        var delay = step.DelayAfterPrevious ?? TimeSpan.Zero;
        var end = previous + delay;
        if (step.TimeOfDay is not { } timeOfDay)
        {
            return calendar.NextOpening(end);
        }

        var date = DateOnly.FromDateTime(end);
        if (delay.Ticks % TimeSpan.TicksPerDay != 0 && date.ToDateTime(timeOfDay) < end)
        {
            date = date.AddDays(1);
        }

        return OnBusinessDay(calendar, calendar.OnOrAfter(date), timeOfDay, previous);
    }

    /// <summary>The time of day on a business day, inside business hours, and never before <paramref name="notBefore"/>.</summary>
    private static DateTime OnBusinessDay(BusinessCalendar calendar, DateOnly date, TimeOnly timeOfDay, DateTime notBefore)
    {
        var local = calendar.NextOpening(date.ToDateTime(timeOfDay));
        return local < notBefore ? calendar.NextOpening(notBefore) : local;
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
