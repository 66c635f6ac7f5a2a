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
    public static void ScheduleNext(EnrollmentEntity row, Cadence cadence, Contact contact, Owner? owner)
    {
        var step = cadence.Steps[row.NextStepIndex];
        row.NextDueAt = StepScheduler.DueAt(cadence.Calendar, step, ContactZone(contact, owner, cadence), row.EnrolledAt, row.PreviousStepAt);
    }

    public static DateOnly RepLocalDate(DateTimeOffset at, Contact contact, Owner? owner, Cadence cadence) =>
        DateOnly.FromDateTime(ZonedTime.ToLocal(at, RepZone(contact, owner, cadence)));
}
