using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Versions;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>
/// Moves open enrollments onto a newly activated version, each at its next step found by id (<see cref="StepMapping"/>)
/// and timed by the new version. A step removed from under an enrollment is recorded as skipped with the reason; an
/// enrollment whose cadence the new version drops stays on the version it started on. Runs inside the activation's
/// transaction.
/// </summary>
internal sealed class OpenEnrollmentMover(CadenceDbContext db, RuleSetProvider provider, OwnerDirectory owners)
{
    public const string RemovedReason = "RemovedFromCadence";

    /// <returns>How many enrollments moved to <paramref name="version"/>.</returns>
    public async Task<int> MoveAsync(RuleSet rules, int version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Enrollments.Where(e => e.IsOpen && e.RuleSetVersion != version).ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var row in open)
        {
            if (provider.CadenceOf(row.RuleSetVersion, row.CadenceId) is not { } from || !rules.Cadences.TryGetValue(row.CadenceId, out var to))
            {
                continue;
            }

            var index = TouchTiming.StepIndex(row, from);
            var mapping = StepMapping.Map(from, to, index);
            row.RuleSetVersion = version;
            row.NextStepIndex = mapping.NextStepIndex;
            row.NextStepId = mapping.NextStepIndex < to.Steps.Count ? to.Steps[mapping.NextStepIndex].Id : null;
            moved++;
            if (mapping.RemovedStepId is { } removed)
            {
                db.StepRuns.Add(new StepRunEntity
                {
                    EnrollmentId = row.Id,
                    StepId = removed,
                    StepNumber = index + 1,
                    Outcome = "Skipped",
                    Reason = $"{RemovedReason}: rule set version {version}",
                    DueAt = row.NextDueAt ?? now,
                    RecordedAt = now,
                });
            }

            // Timed by the new version: an edit may have moved the next step's day or its gap after the previous one.
            await RetimeAsync(row, to, now, cancellationToken);
        }

        return moved;
    }

    /// <summary>The next step is timed by its gap in the new version (at once when the cadence is done).</summary>
    private async Task RetimeAsync(EnrollmentEntity row, Cadence to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.NextDueAt is null)
        {
            return;
        }

        if (row.NextStepIndex >= to.Steps.Count)
        {
            row.NextDueAt = now;
            return;
        }

        if (await db.Contacts.FindAsync([row.Connection, row.ContactCrmId], cancellationToken) is { } contact)
        {
            // A contact without a zone of its own is timed in its owner's, as everywhere else.
            TouchTiming.ScheduleNext(row, to, contact.ToContact(), await OwnerAsync(row.Connection, contact.OwnerId, cancellationToken), now);
        }
    }

    /// <summary>The owner, or none when the CRM cannot be read now (activation does not wait for it; the due step re-checks the zone).</summary>
    private async Task<Owner?> OwnerAsync(string connection, string? ownerId, CancellationToken cancellationToken)
    {
        try
        {
            return await owners.FindAsync(connection, ownerId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any failure to read the reps (unreachable, parked, refused) leaves the owner's zone out of this timing.
            return null;
        }
    }
}
