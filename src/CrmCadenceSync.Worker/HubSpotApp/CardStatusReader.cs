using System.Globalization;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>Builds the card's view of a contact from the local store: the latest enrollment, its step and history in the contact's zone.</summary>
internal sealed class CardStatusReader(CadenceDbContext db, RuleSetProvider rules, OwnerDirectory owners)
{
    public async Task<CardStatus> ReadAsync(string connection, string contactId, CancellationToken cancellationToken)
    {
        var row = await db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == connection && e.ContactCrmId == contactId)
            .OrderByDescending(e => e.IsOpen).ThenByDescending(e => e.EnrolledAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return new CardStatus(contactId, null, []);
        }

        var contact = (await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Connection == connection && c.CrmId == contactId, cancellationToken))?.ToContact();
        var cadence = rules.CadenceOf(row.RuleSetVersion, row.CadenceId);
        var owner = contact is null ? null : await owners.FindAsync(connection, contact.OwnerId, cancellationToken);
        var zone = cadence is null || contact is null ? TimeZoneInfo.Utc : TouchTiming.ContactZone(contact, owner, cadence);
        var enrollment = row.ToEnrollment();
        var status = enrollment.State switch
        {
            EnrollmentState.Exited => $"Exited: {(row.ExitReason is { } exit ? ExitWording.Label(exit) : "ended")}",
            EnrollmentState.Held => $"Held: {row.HoldReason}",
            _ => row.State,
        };
        string? current = null;
        if (row.IsOpen && cadence is not null && row.NextStepIndex < cadence.Steps.Count)
        {
            var step = cadence.Steps[row.NextStepIndex];
            current = $"{step.Number} of {cadence.Steps.Count}: {step.Id} ({step.Channel})";
        }

        List<string> actions = enrollment.State switch
        {
            EnrollmentState.Active => current is null ? [CardActions.Pause, CardActions.Exit] : [CardActions.Pause, CardActions.Exit, CardActions.Skip],
            EnrollmentState.Held => [CardActions.Pause, CardActions.Exit],
            EnrollmentState.Paused => [CardActions.Resume, CardActions.Exit],
            _ => [],
        };
        var runs = await db.StepRuns.AsNoTracking().Where(r => r.EnrollmentId == row.Id).ToListAsync(cancellationToken);
        var history = runs.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id)
            .Select(r => new CardStepRun(r.StepNumber, r.StepId, r.Outcome, r.Reason, Local(r.RecordedAt, zone)))
            .ToList();
        return new CardStatus(
            contactId,
            new CardEnrollment(
                row.Id, row.Segment, row.CadenceId, cadence?.Name ?? row.CadenceId, row.State, status, current,
                row.IsOpen && row.NextDueAt is { } next ? Local(next, zone) : null, zone.Id, actions),
            history);
    }

    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        ZonedTime.ToLocal(at, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
