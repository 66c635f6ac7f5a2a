using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>Stages a new enrollment: its row with the first step timed, the timeline note and the status write.</summary>
public sealed class EnrollmentStarter(CadenceDbContext db)
{
    public void Start(Enrollment started, Contact contact, Owner? owner, ActiveRuleSet active, DateTimeOffset now)
    {
        var cadence = active.Rules.Cadences[started.CadenceId];
        var row = started.ToEntity(active.Version);
        if (started.State == EnrollmentState.Active)
        {
            TouchTiming.ScheduleNext(row, cadence, contact, owner, now);
        }

        db.Enrollments.Add(row);
        var repDate = TouchTiming.RepLocalDate(now, contact, owner, cadence);
        db.Outbox.Add(OutboxPayload.For(contact.Connection, EnrollmentNotes.Enrolled(started, contact, cadence, now, repDate), row.Id, now));
        db.Outbox.Add(OutboxPayload.For(contact.Connection, EnrollmentNotes.Status(started, contact, cadence, row.NextDueAt, now), row.Id, now));
    }
}
