using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Scheduling;

/// <summary>Where an enrollment stands in time: when its next step is due, counted from the touches actually written.</summary>
/// <param name="EnrolledAt">When the contact entered the cadence.</param>
/// <param name="PreviousStepAt">When the previous step was written or skipped; null before the first.</param>
/// <param name="LastEmailStepAt">When the last email step went out: a step waiting for an engagement counts from it.</param>
public sealed record StepClock(DateTimeOffset EnrolledAt, DateTimeOffset? PreviousStepAt, DateTimeOffset? LastEmailStepAt);

/// <summary>
/// Times an enrollment's next step: one rule for new, advanced, resumed and re-timed enrollments, so a pause, hold, rep
/// cap or downtime shifts the steps after it and nothing is ever due in the past.
/// </summary>
public static class NextStepTiming
{
    public static TimeZoneInfo ContactZone(Contact contact, Owner? owner, Cadence cadence) =>
        StepScheduler.ZoneFor(contact.TimeZone, owner?.TimeZone, cadence.TimeZone);

    public static TimeZoneInfo RepZone(Contact contact, Owner? owner, Cadence cadence) =>
        StepScheduler.ZoneFor(owner?.TimeZone, contact.TimeZone, cadence.TimeZone);

    /// <summary>When the step at <paramref name="index"/> is due, at or after the next opening after <paramref name="now"/>.</summary>
    /// <remarks>
    /// A step timed after an engagement is due that many business days after it, or, while the engagement has not come,
    /// at the end of its wait (when it is skipped).
    /// </remarks>
    public static DateTimeOffset DueAt(Cadence cadence, int index, Contact contact, Owner? owner, StepClock clock, DateTimeOffset now)
    {
        var step = cadence.Steps[index];
        var previous = index > 0 ? cadence.Steps[index - 1] : null;
        var zone = ContactZone(contact, owner, cadence);
        DateTimeOffset due;
        if (step.AfterSignal is { } wait)
        {
            due = EngagementSignals.At(contact, wait.Signal, clock.LastEmailStepAt) is { } signalAt
                ? StepScheduler.DueAfterSignal(cadence.Calendar, step, zone, signalAt)
                : StepScheduler.WaitDeadline(cadence.Calendar, step, zone, clock.PreviousStepAt ?? clock.EnrolledAt);
        }
        else
        {
            due = StepScheduler.DueAt(cadence.Calendar, step, zone, clock.EnrolledAt, clock.PreviousStepAt, previous);
        }

        return StepScheduler.NotBefore(cadence.Calendar, zone, due, now);
    }

    /// <summary>
    /// When a step found due at <paramref name="now"/> goes out: as planned if it is at most <paramref name="lateWindow"/>
    /// overdue (by default its own gap after the previous step), else now or at the next opening.
    /// </summary>
    public static DateTimeOffset WhenDue(Cadence cadence, int index, Contact contact, Owner? owner, DateTimeOffset plannedAt, DateTimeOffset now, TimeSpan? lateWindow)
    {
        var step = cadence.Steps[index];
        var window = lateWindow ?? StepScheduler.Gap(step, index > 0 ? cadence.Steps[index - 1] : null);
        return StepScheduler.WhenDue(cadence.Calendar, ContactZone(contact, owner, cadence), plannedAt, now, window);
    }

    /// <summary>The rep-local date a touch counts against in the rep's daily cap.</summary>
    public static DateOnly RepLocalDate(DateTimeOffset at, Contact contact, Owner? owner, Cadence cadence) =>
        DateOnly.FromDateTime(ZonedTime.ToLocal(at, RepZone(contact, owner, cadence)));

    /// <summary>The rep's next business day after the one <paramref name="dueAt"/> falls on, at the same local time.</summary>
    public static DateTimeOffset NextRepDay(DateTimeOffset dueAt, Contact contact, Owner? owner, Cadence cadence)
    {
        var zone = RepZone(contact, owner, cadence);
        var local = ZonedTime.ToLocal(dueAt, zone);
        var next = cadence.Calendar.OnOrAfter(DateOnly.FromDateTime(local).AddDays(1));
        return ZonedTime.ToInstant(next.ToDateTime(TimeOnly.FromDateTime(local)), zone);
    }
}
