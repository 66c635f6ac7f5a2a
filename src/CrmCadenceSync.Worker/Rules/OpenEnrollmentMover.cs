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
/// transaction, after <see cref="PrepareAsync"/> outside it: the move itself never calls a CRM.
/// </summary>
internal sealed partial class OpenEnrollmentMover(CadenceDbContext db, RuleSetProvider provider, OwnerDirectory owners, ILogger<OpenEnrollmentMover> logger)
{
    public const string RemovedReason = "RemovedFromCadence";

    /// <summary>Contacts read per query: well inside both databases' limits on parameters.</summary>
    private const int ContactsPerRead = 500;

    /// <summary>
    /// Reads the reps of every connection with open enrollments, before the caller opens its transaction. A connection
    /// that cannot be read now is left out: activation does not wait for it, its enrollments are timed in their own
    /// zone and the due step re-checks the owner's.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var withOpen = await db.Enrollments.Where(e => e.IsOpen).Select(e => e.Connection).Distinct().ToListAsync(cancellationToken);
        foreach (var connection in withOpen)
        {
            try
            {
                await owners.EnsureLoadedAsync(connection, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Any failure to read the reps (unreachable, parked, refused) leaves the owner's zone out of this timing.
                LogRepsUnread(e, connection);
            }
        }
    }

    /// <returns>How many enrollments moved to <paramref name="version"/>.</returns>
    public async Task<int> MoveAsync(RuleSet rules, int version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Enrollments.Where(e => e.IsOpen && e.RuleSetVersion != version).ToListAsync(cancellationToken);
        var contacts = await ContactsOfAsync(open, cancellationToken);
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
            Retime(row, to, contacts.GetValueOrDefault((row.Connection, row.ContactCrmId)), now);
        }

        return moved;
    }

    /// <summary>The next step is timed by its gap in the new version (at once when the cadence is done).</summary>
    private void Retime(EnrollmentEntity row, Cadence to, Contact? contact, DateTimeOffset now)
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

        if (contact is not null)
        {
            // A contact without a zone of its own is timed in its owner's, as everywhere else.
            TouchTiming.ScheduleNext(row, to, contact, owners.Known(row.Connection, contact.OwnerId), now);
        }
    }

    /// <summary>The enrollments' contacts, a few hundred per query rather than one query per enrollment.</summary>
    private async Task<Dictionary<(string Connection, string CrmId), Contact>> ContactsOfAsync(List<EnrollmentEntity> open, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), Contact>();
        foreach (var perConnection in open.GroupBy(e => e.Connection, StringComparer.Ordinal))
        {
            foreach (var chunk in perConnection.Select(e => e.ContactCrmId).Distinct(StringComparer.Ordinal).Chunk(ContactsPerRead))
            {
                var rows = await db.Contacts.AsNoTracking()
                    .Where(c => c.Connection == perConnection.Key && chunk.Contains(c.CrmId))
                    .ToListAsync(cancellationToken);
                foreach (var contact in rows)
                {
                    found[(contact.Connection, contact.CrmId)] = contact.ToContact();
                }
            }
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: the reps could not be read before moving open enrollments; their next steps are timed without the owner's zone until the due step re-checks it")]
    private partial void LogRepsUnread(Exception exception, string connection);
}
