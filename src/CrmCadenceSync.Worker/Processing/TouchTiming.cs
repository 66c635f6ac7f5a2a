using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Storage.Entities;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>Times an enrollment's next step in the contact's zone, and dates tasks in the rep's.</summary>
internal static class TouchTiming
{
    public static TimeZoneInfo ContactZone(Contact contact, Owner? owner, Cadence cadence) =>
        StepScheduler.ZoneFor(contact.TimeZone, owner?.TimeZone, cadence.TimeZone);

    public static TimeZoneInfo RepZone(Contact contact, Owner? owner, Cadence cadence) =>
        StepScheduler.ZoneFor(owner?.TimeZone, contact.TimeZone, cadence.TimeZone);

    /// <summary>Sets <see cref="EnrollmentEntity.NextDueAt"/> for the step at <see cref="EnrollmentEntity.NextStepIndex"/>.</summary>
    /// <remarks>
    /// A step timed after an engagement is due that many business days after it, or, while the engagement has not
    /// come, at the end of its wait (when it is skipped). A contact change re-times it.
    /// </remarks>
    public static void ScheduleNext(EnrollmentEntity row, Cadence cadence, Contact contact, Owner? owner)
    {
        var step = cadence.Steps[row.NextStepIndex];
        var zone = ContactZone(contact, owner, cadence);
        if (step.AfterSignal is { } wait)
        {
            row.NextDueAt = EngagementSignals.At(contact, wait.Signal, row.LastEmailStepAt) is { } signalAt
                ? StepScheduler.DueAfterSignal(cadence.Calendar, step, zone, signalAt)
                : StepScheduler.WaitDeadline(cadence.Calendar, step, zone, row.PreviousStepAt ?? row.EnrolledAt);
            return;
        }

        row.NextDueAt = StepScheduler.DueAt(cadence.Calendar, step, zone, row.EnrolledAt, row.PreviousStepAt);
    }

    /// <summary>True when the enrollment's next step waits for an engagement, so a contact change may re-time it.</summary>
    public static bool WaitsForSignal(EnrollmentEntity row, Cadence cadence) =>
        row is { IsOpen: true, State: nameof(Core.Enrollments.EnrollmentState.Active) }
        && row.NextStepIndex < cadence.Steps.Count
        && cadence.Steps[row.NextStepIndex].AfterSignal is not null;

    public static DateOnly RepLocalDate(DateTimeOffset at, Contact contact, Owner? owner, Cadence cadence) =>
        DateOnly.FromDateTime(ZonedTime.ToLocal(at, RepZone(contact, owner, cadence)));
}
