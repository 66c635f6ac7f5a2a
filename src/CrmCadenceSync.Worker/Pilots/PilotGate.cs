using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Pilots;

/// <summary>
/// Lets a new segment enrollment through only within the rule set's pilot: the contact is in its percentage, and fewer
/// than its daily limit of new enrollments were made today (UTC day). A contact kept out stays unenrolled; the
/// <see cref="PilotBacklog"/> offers it again on a later day.
/// </summary>
public sealed class PilotGate(CadenceDbContext db)
{
    private (DateOnly Day, int Count)? today;

    public static string KeyOf(Contact contact) => $"{contact.Connection}:{contact.CrmId}";

    public async Task<bool> AdmitsAsync(CrmCadenceSync.Core.Rules.Pilot pilot, Contact contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!pilot.Selects(KeyOf(contact)))
        {
            return false;
        }

        if (pilot.MaxEnrollmentsPerDay is not { } limit)
        {
            return true;
        }

        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (today?.Day != day)
        {
            today = (day, await EnrolledOnAsync(day, cancellationToken));
        }

        if (today.Value.Count >= limit)
        {
            return false;
        }

        today = (day, today.Value.Count + 1);
        return true;
    }

    /// <summary>Segment enrollments started that day, less those that were moves (each move ends one enrollment and starts another).</summary>
    public async Task<int> EnrolledOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        var moved = nameof(ExitReason.MovedToAnotherCadence);
        var started = await db.Enrollments.CountAsync(e => e.EnrolledAt >= start && e.EnrolledAt < end && e.TriggerFieldsJson == null, cancellationToken);
        var moves = await db.Enrollments.CountAsync(e => e.ExitReason == moved && e.EndedAt >= start && e.EndedAt < end, cancellationToken);
        return started - moves;
    }
}
