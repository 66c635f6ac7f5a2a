using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Metrics;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>
/// Loads the rows the metrics are computed from (enrollments, written step runs, engagement outcomes; never contact
/// snapshots, which retention deletes) and hands them to the pure calculation in Core.
/// </summary>
public sealed class MetricsQuery(CadenceDbContext db, RuleSetProvider rules, TimeProvider time)
{
    public async Task<MetricsReport> ComputeAsync(CancellationToken cancellationToken)
    {
        var enrollments = (await db.Enrollments.AsNoTracking()
                .Select(e => new { e.Id, e.CadenceId, e.Segment, e.State, e.ExitReason, e.EnrolledAt })
                .ToListAsync(cancellationToken))
            .Select(e => new EnrollmentRecord(e.Id, e.CadenceId, e.Segment, Enum.Parse<EnrollmentState>(e.State), e.ExitReason, e.EnrolledAt))
            .ToList();
        var taskKeys = db.Outbox.Where(o => o.WriteType == WriteType.Task).Select(o => o.IdempotencyKey);
        var runs = (await db.StepRuns.AsNoTracking()
                .Where(r => r.Outcome == "Written")
                .Select(r => new { r.EnrollmentId, r.StepId, r.StepNumber, r.Variant, r.RecordedAt, r.DueAt, r.IdempotencyKey, IsTask = taskKeys.Contains(r.IdempotencyKey!) })
                .ToListAsync(cancellationToken))
            .Select(r => new StepRunRecord(r.EnrollmentId, r.StepId, r.StepNumber, r.Variant, r.RecordedAt, r.DueAt, r.IsTask ? r.IdempotencyKey : null))
            .ToList();
        var outcomes = (await db.EngagementOutcomes.AsNoTracking()
                .Select(o => new { o.EnrollmentId, o.Kind, o.OccurredAt, o.TaskKey })
                .ToListAsync(cancellationToken))
            .Select(o => new OutcomeRecord(o.EnrollmentId, Enum.Parse<OutcomeKind>(o.Kind), o.OccurredAt, o.TaskKey.Length == 0 ? null : o.TaskKey))
            .ToList();
        return MetricsCalculator.Compute(Outlines(), enrollments, runs, outcomes, time.GetUtcNow());
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
