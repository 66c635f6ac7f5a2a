using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Metrics;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Stages engagement outcomes (replies, meetings, bounces, opt-outs) against the enrollment they belong to, in the
/// caller's transaction, the first of each kind per enrollment only. Metrics read these rows, never contact snapshots.
/// </summary>
public sealed class OutcomeRecorder(CadenceDbContext db)
{
    private readonly HashSet<(Guid, string)> known = [];

    /// <summary>Reads which contact-level outcomes the enrollments already have, in one query.</summary>
    public async Task LoadAsync(IReadOnlyList<Guid> enrollmentIds, CancellationToken cancellationToken)
    {
        if (enrollmentIds.Count == 0)
        {
            return;
        }

        var rows = await db.EngagementOutcomes
            .Where(o => enrollmentIds.Contains(o.EnrollmentId) && o.TaskKey == "")
            .Select(o => new { o.EnrollmentId, o.Kind })
            .ToListAsync(cancellationToken);
        known.UnionWith(rows.Select(r => (r.EnrollmentId, r.Kind)));
    }

    public void Record(Contact contact, Enrollment enrollment, DateTimeOffset now)
    {
        foreach (var (kind, at) in EngagementOutcomes.Detect(contact, enrollment))
        {
            if (known.Add((enrollment.Id, kind.ToString())))
            {
                db.EngagementOutcomes.Add(new EngagementOutcomeEntity
                {
                    EnrollmentId = enrollment.Id,
                    Connection = enrollment.Connection,
                    ContactCrmId = enrollment.ContactCrmId,
                    Kind = kind.ToString(),
                    OccurredAt = at,
                    RecordedAt = now,
                });
            }
        }
    }
}
