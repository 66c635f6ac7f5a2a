namespace CrmCadenceSync.Core.Metrics;

/// <summary>
/// What the metrics are computed from: counts the store aggregates over every enrollment, and rows only for the
/// enrollments that got a reply or a meeting, since crediting a step and timing the first response need those rows.
/// Responses are a small share of all enrollments, so the input stays small however many contacts are enrolled.
/// </summary>
/// <param name="Responded">Enrollments with at least one reply or booked meeting.</param>
/// <param name="RespondedRuns">The written step runs of those enrollments.</param>
/// <param name="RespondedOutcomes">The outcomes of those enrollments.</param>
public sealed record MetricsInput(
    IReadOnlyList<EnrollmentTally> Enrollments,
    IReadOnlyList<StepTally> Steps,
    IReadOnlyList<OverdueTally> Overdue,
    IReadOnlyList<EnrollmentRecord> Responded,
    IReadOnlyList<StepRunRecord> RespondedRuns,
    IReadOnlyList<OutcomeRecord> RespondedOutcomes)
{
    public static readonly MetricsInput Empty = new([], [], [], [], [], []);
}
