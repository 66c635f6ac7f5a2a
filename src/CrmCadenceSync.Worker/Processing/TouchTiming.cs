using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Storage.Entities;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>Applies Core's <see cref="NextStepTiming"/> to an enrollment row.</summary>
internal static class TouchTiming
{
    public static TimeZoneInfo ContactZone(Contact contact, Owner? owner, Cadence cadence) => NextStepTiming.ContactZone(contact, owner, cadence);

    public static TimeZoneInfo RepZone(Contact contact, Owner? owner, Cadence cadence) => NextStepTiming.RepZone(contact, owner, cadence);

    /// <summary>Sets the row's next step id and due time for the step at <see cref="EnrollmentEntity.NextStepIndex"/>.</summary>
    public static void ScheduleNext(EnrollmentEntity row, Cadence cadence, Contact contact, Owner? owner, DateTimeOffset now)
    {
        row.NextStepId = cadence.Steps[row.NextStepIndex].Id;

        // An auto-reply's pause holds every timing back until the contact is back; the step's gap counts on from there.
        var from = row.PausedUntil is { } until && until > now ? until : now;
        row.NextDueAt = NextStepTiming.DueAt(cadence, row.NextStepIndex, contact, owner, Clock(row), from);
    }

    /// <summary>The step the row stands on, found by id (a row from before step ids were kept falls back to its position).</summary>
    public static int StepIndex(EnrollmentEntity row, Cadence cadence)
    {
        if (row.NextStepId is { } id)
        {
            for (var i = 0; i < cadence.Steps.Count; i++)
            {
                if (string.Equals(cadence.Steps[i].Id, id, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return row.NextStepIndex;
    }

    public static StepClock Clock(EnrollmentEntity row) => new(row.EnrolledAt, row.PreviousStepAt, row.LastEmailStepAt);

    /// <summary>True when the enrollment's next step waits for an engagement, so a contact change may re-time it.</summary>
    public static bool WaitsForSignal(EnrollmentEntity row, Cadence cadence) =>
        row is { IsOpen: true, State: nameof(Core.Enrollments.EnrollmentState.Active) }
        && row.NextStepIndex < cadence.Steps.Count
        && cadence.Steps[row.NextStepIndex].AfterSignal is not null;

    public static DateOnly RepLocalDate(DateTimeOffset at, Contact contact, Owner? owner, Cadence cadence) =>
        NextStepTiming.RepLocalDate(at, contact, owner, cadence);
}
