using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Metrics;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>
/// Reads what the metrics are computed from (enrollments, written step runs, task writes, engagement outcomes; never
/// contact snapshots, which retention deletes) and hands it to the pure calculation in Core. The store counts: only
/// the enrollments that got a reply or meeting come back as rows, so a computation over 100,000 enrollments reads a few
/// thousand rows instead of every enrollment and step run.
/// </summary>
public sealed class MetricsQuery(CadenceDbContext db, RuleSetProvider rules, TimeProvider time)
{
    private static readonly string[] Responses = [nameof(OutcomeKind.Replied), nameof(OutcomeKind.MeetingBooked)];

    public async Task<MetricsReport> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var written = db.StepRuns.Where(r => r.Outcome == "Written");

        var enrollments = (await db.Enrollments
                .GroupBy(e => new { e.CadenceId, e.Segment, e.State, e.ExitReason })
                .Select(g => new { g.Key.CadenceId, g.Key.Segment, g.Key.State, g.Key.ExitReason, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(t => new EnrollmentTally(t.CadenceId, t.Segment, Enum.Parse<EnrollmentState>(t.State), t.ExitReason, t.Count))
            .ToList();

        var steps = (await written
                .Join(db.Enrollments, r => r.EnrollmentId, e => e.Id, (r, e) => new { e.CadenceId, r.StepId, r.StepNumber, r.Variant })
                .GroupBy(x => new { x.CadenceId, x.StepId, x.Variant })
                .Select(g => new { g.Key.CadenceId, g.Key.StepId, g.Key.Variant, StepNumber = g.Min(x => x.StepNumber), Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(t => new StepTally(t.CadenceId, t.StepId, t.StepNumber, t.Variant, t.Count))
            .ToList();

        // A task is overdue once past due until the CRM reports it completed (TaskStatePoller records that outcome).
        var overdue = (await written
                .Where(r => r.DueAt < now
                    && db.Outbox.Any(o => o.IdempotencyKey == r.IdempotencyKey && o.WriteType == WriteType.Task)
                    && !db.EngagementOutcomes.Any(o => o.TaskKey == r.IdempotencyKey && o.Kind == nameof(OutcomeKind.TaskCompleted)))
                .Join(db.Enrollments, r => r.EnrollmentId, e => e.Id, (r, e) => new { e.CadenceId, e.Segment })
                .GroupBy(x => new { x.CadenceId, x.Segment })
                .Select(g => new { g.Key.CadenceId, g.Key.Segment, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(t => new OverdueTally(t.CadenceId, t.Segment, t.Count))
            .ToList();

        var respondedIds = db.EngagementOutcomes.Where(o => Responses.Contains(o.Kind)).Select(o => o.EnrollmentId);
        var responded = (await db.Enrollments.AsNoTracking()
                .Where(e => respondedIds.Contains(e.Id))
                .Select(e => new { e.Id, e.CadenceId, e.Segment, e.EnrolledAt })
                .ToListAsync(cancellationToken))
            .Select(e => new EnrollmentRecord(e.Id, e.CadenceId, e.Segment, e.EnrolledAt))
            .ToList();
        var respondedRuns = (await written.AsNoTracking()
                .Where(r => respondedIds.Contains(r.EnrollmentId))
                .Select(r => new { r.EnrollmentId, r.StepId, r.StepNumber, r.Variant, r.RecordedAt })
                .ToListAsync(cancellationToken))
            .Select(r => new StepRunRecord(r.EnrollmentId, r.StepId, r.StepNumber, r.Variant, r.RecordedAt))
            .ToList();
        var respondedOutcomes = (await db.EngagementOutcomes.AsNoTracking()
                .Where(o => respondedIds.Contains(o.EnrollmentId))
                .Select(o => new { o.EnrollmentId, o.Kind, o.OccurredAt })
                .ToListAsync(cancellationToken))
            .Select(o => new OutcomeRecord(o.EnrollmentId, Enum.Parse<OutcomeKind>(o.Kind), o.OccurredAt))
            .ToList();

        return MetricsCalculator.Compute(Outlines(), new MetricsInput(enrollments, steps, overdue, responded, respondedRuns, respondedOutcomes));
    }

    private List<CadenceOutline> Outlines()
    {
        var ruleSet = rules.Current.Rules;
        return
        [
            .. ruleSet.Cadences.Values.Select(c => new CadenceOutline(
                c.Id,
                ruleSet.Segments.FirstOrDefault(s => s.CadenceId == c.Id)?.Name,
                [.. c.Steps.Select(s => s.Id)])),
        ];
    }
}
