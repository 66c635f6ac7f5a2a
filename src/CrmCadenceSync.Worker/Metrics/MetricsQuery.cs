using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Metrics;
using CrmCadenceSync.Core.Touches;
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

    public Task<MetricsReport> ComputeAsync(CancellationToken cancellationToken) => ComputeAsync(MetricsPeriod.All, cancellationToken);

    public async Task<MetricsReport> ComputeAsync(MetricsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var now = time.GetUtcNow();
        var enrolled = period.Since(now) is { } since ? db.Enrollments.Where(e => e.EnrolledAt >= since) : db.Enrollments;
        var written = db.StepRuns.Where(r => r.Outcome == "Written")
            .Join(enrolled, r => r.EnrollmentId, e => e.Id, (r, e) => new { Run = r, e.CadenceId, e.Segment, e.Connection, e.ContactCrmId });

        var enrollments = (await enrolled
                .GroupBy(e => new { e.CadenceId, e.Segment, e.State, e.ExitReason })
                .Select(g => new { g.Key.CadenceId, g.Key.Segment, g.Key.State, g.Key.ExitReason, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(t => new EnrollmentTally(t.CadenceId, t.Segment, Enum.Parse<EnrollmentState>(t.State), t.ExitReason, t.Count))
            .ToList();

        // Distinct contacts are counted per connection by the store (a CRM id is a contact only within its connection),
        // then added up over connections. SQLite counts fastest with COUNT(DISTINCT) per group; PostgreSQL sorts for
        // each such count, so there the contacts are grouped first and the groups counted (both hash aggregates).
        var cadenceContacts = (GroupTwice
                ? await enrolled.Select(e => new { e.CadenceId, e.Connection, e.ContactCrmId }).Distinct()
                    .GroupBy(e => new { e.CadenceId, e.Connection })
                    .Select(g => new { Key = g.Key.CadenceId, Contacts = g.Count() })
                    .ToListAsync(cancellationToken)
                : await enrolled.GroupBy(e => new { e.CadenceId, e.Connection })
                    .Select(g => new { Key = g.Key.CadenceId, Contacts = g.Select(e => e.ContactCrmId).Distinct().Count() })
                    .ToListAsync(cancellationToken))
            .Select(t => new ContactTally(t.Key, t.Contacts))
            .ToList();
        var segmentContacts = (GroupTwice
                ? await enrolled.Select(e => new { e.Segment, e.Connection, e.ContactCrmId }).Distinct()
                    .GroupBy(e => new { e.Segment, e.Connection })
                    .Select(g => new { Key = g.Key.Segment, Contacts = g.Count() })
                    .ToListAsync(cancellationToken)
                : await enrolled.GroupBy(e => new { e.Segment, e.Connection })
                    .Select(g => new { Key = g.Key.Segment, Contacts = g.Select(e => e.ContactCrmId).Distinct().Count() })
                    .ToListAsync(cancellationToken))
            .Select(t => new ContactTally(t.Key, t.Contacts))
            .ToList();

        var steps = (GroupTwice
                ? await written
                    .GroupBy(x => new { x.CadenceId, x.Run.StepId, x.Run.Variant, x.Connection, x.ContactCrmId })
                    .Select(g => new { g.Key.CadenceId, g.Key.StepId, g.Key.Variant, g.Key.Connection, StepNumber = g.Min(x => x.Run.StepNumber), Count = g.Count() })
                    .GroupBy(x => new { x.CadenceId, x.StepId, x.Variant, x.Connection })
                    .Select(g => new { g.Key.CadenceId, g.Key.StepId, g.Key.Variant, StepNumber = g.Min(x => x.StepNumber), Count = g.Sum(x => x.Count), Contacts = g.Count() })
                    .ToListAsync(cancellationToken)
                : await written
                    .GroupBy(x => new { x.CadenceId, x.Run.StepId, x.Run.Variant, x.Connection })
                    .Select(g => new
                    {
                        g.Key.CadenceId, g.Key.StepId, g.Key.Variant, StepNumber = g.Min(x => x.Run.StepNumber), Count = g.Count(),
                        Contacts = g.Select(x => x.ContactCrmId).Distinct().Count(),
                    })
                    .ToListAsync(cancellationToken))
            .GroupBy(t => (t.CadenceId, t.StepId, t.Variant))
            .Select(g => new StepTally(g.Key.CadenceId, g.Key.StepId, g.Min(t => t.StepNumber), g.Key.Variant, g.Sum(t => t.Count), g.Sum(t => t.Contacts)))
            .ToList();
        // A step written in one variant (or none) went to as many contacts as that variant did; only a step with
        // several variants needs its own distinct count, since a contact may have had two of them.
        var byStep = steps.GroupBy(t => (t.CadenceId, t.StepId)).ToList();
        var stepContacts = byStep.Where(g => g.Count() == 1).Select(g => new StepContactTally(g.Key.CadenceId, g.Key.StepId, g.Single().Contacts)).ToList();
        var mixed = byStep.Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        if (mixed.Count > 0)
        {
            var mixedSteps = mixed.Select(k => k.StepId).Distinct(StringComparer.Ordinal).ToList();
            var runs = written.Where(x => mixedSteps.Contains(x.Run.StepId));
            stepContacts.AddRange((GroupTwice
                    ? await runs.Select(x => new { x.CadenceId, x.Run.StepId, x.Connection, x.ContactCrmId }).Distinct()
                        .GroupBy(x => new { x.CadenceId, x.StepId, x.Connection })
                        .Select(g => new { g.Key.CadenceId, g.Key.StepId, Contacts = g.Count() })
                        .ToListAsync(cancellationToken)
                    : await runs.GroupBy(x => new { x.CadenceId, x.Run.StepId, x.Connection })
                        .Select(g => new { g.Key.CadenceId, g.Key.StepId, Contacts = g.Select(x => x.ContactCrmId).Distinct().Count() })
                        .ToListAsync(cancellationToken))
                .Where(t => mixed.Contains((t.CadenceId, t.StepId)))
                .Select(t => new StepContactTally(t.CadenceId, t.StepId, t.Contacts)));
        }

        // A task is overdue once past due until the CRM reports it completed (TaskStatePoller records that outcome) or
        // we closed it because its enrollment ended.
        var overdue = (await written
                .Where(x => x.Run.DueAt < now
                    && db.Outbox.Any(o => o.IdempotencyKey == x.Run.IdempotencyKey && o.WriteType == WriteType.Task)
                    && !db.EngagementOutcomes.Any(o => o.TaskKey == x.Run.IdempotencyKey && o.Kind == nameof(OutcomeKind.TaskCompleted))
                    && !db.Outbox.Any(o => o.IdempotencyKey == x.Run.IdempotencyKey + CloseTaskWrite.KeySuffix && o.State == OutboxState.Sent))
                .GroupBy(x => new { x.CadenceId, x.Segment })
                .Select(g => new { g.Key.CadenceId, g.Key.Segment, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(t => new OverdueTally(t.CadenceId, t.Segment, t.Count))
            .ToList();

        var respondedIds = db.EngagementOutcomes.Where(o => Responses.Contains(o.Kind)).Select(o => o.EnrollmentId);
        var responded = (await enrolled.AsNoTracking()
                .Where(e => respondedIds.Contains(e.Id))
                .Select(e => new { e.Id, e.CadenceId, e.Segment, e.Connection, e.ContactCrmId, e.EnrolledAt })
                .ToListAsync(cancellationToken))
            .Select(e => new EnrollmentRecord(e.Id, e.CadenceId, e.Segment, new ContactKey(e.Connection, e.ContactCrmId), e.EnrolledAt))
            .ToList();
        var respondedRuns = (await written.AsNoTracking()
                .Where(x => respondedIds.Contains(x.Run.EnrollmentId))
                .Select(x => new { x.Run.EnrollmentId, x.Run.StepId, x.Run.StepNumber, x.Run.Variant, x.Run.RecordedAt })
                .ToListAsync(cancellationToken))
            .Select(r => new StepRunRecord(r.EnrollmentId, r.StepId, r.StepNumber, r.Variant, r.RecordedAt))
            .ToList();
        var respondedOutcomes = (await db.EngagementOutcomes.AsNoTracking()
                .Where(o => respondedIds.Contains(o.EnrollmentId) && Responses.Contains(o.Kind))
                .Select(o => new { o.EnrollmentId, o.Kind, o.OccurredAt })
                .ToListAsync(cancellationToken))
            .Select(o => new OutcomeRecord(o.EnrollmentId, Enum.Parse<OutcomeKind>(o.Kind), o.OccurredAt))
            .ToList();

        var noConsent = await db.StepRuns
            .Where(r => r.Outcome == "Skipped" && r.Reason == nameof(SkipReason.NoConsent))
            .Join(enrolled, r => r.EnrollmentId, e => e.Id, (r, e) => r.Id)
            .CountAsync(cancellationToken);
        return MetricsCalculator.Compute(
            Outlines(),
            new MetricsInput(enrollments, cadenceContacts, segmentContacts, steps, stepContacts, overdue, responded, respondedRuns, respondedOutcomes))
            with { NoConsentSkips = noConsent };
    }

    /// <summary>Whether distinct contacts are counted by grouping twice (PostgreSQL) rather than COUNT(DISTINCT) (SQLite).</summary>
    private bool GroupTwice => db is PostgresCadenceDbContext;

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
