namespace CrmCadenceSync.Core.Metrics;

/// <summary>
/// What the metrics are computed from: counts the store aggregates over every enrollment of the period (distinct
/// contacts included), and rows only for the enrollments that got a reply or a meeting, since crediting a step and
/// timing the first response need those rows. Responses are a small share of all enrollments, so the input stays
/// small however many contacts are enrolled.
/// </summary>
/// <param name="Enrollments">Enrollments by cadence, segment, state and exit.</param>
/// <param name="CadenceContacts">Distinct contacts enrolled, by cadence id.</param>
/// <param name="SegmentContacts">Distinct contacts enrolled, by segment.</param>
/// <param name="StepContacts">Distinct contacts each step was written to, whatever the variant.</param>
/// <param name="Responded">Enrollments with at least one reply or booked meeting.</param>
/// <param name="RespondedRuns">The written step runs of those enrollments.</param>
/// <param name="RespondedOutcomes">The outcomes of those enrollments.</param>
public sealed record MetricsInput(
    IReadOnlyList<EnrollmentTally> Enrollments,
    IReadOnlyList<ContactTally> CadenceContacts,
    IReadOnlyList<ContactTally> SegmentContacts,
    IReadOnlyList<StepTally> Steps,
    IReadOnlyList<StepContactTally> StepContacts,
    IReadOnlyList<OverdueTally> Overdue,
    IReadOnlyList<EnrollmentRecord> Responded,
    IReadOnlyList<StepRunRecord> RespondedRuns,
    IReadOnlyList<OutcomeRecord> RespondedOutcomes)
{
    public static readonly MetricsInput Empty = new([], [], [], [], [], [], [], [], []);
}
