namespace CrmCadenceSync.Core.Metrics;

/// <summary>An engagement recorded for an enrollment: a reply, a booked meeting, a bounce, an opt-out, a completed task.</summary>
public sealed record OutcomeRecord(Guid EnrollmentId, OutcomeKind Kind, DateTimeOffset OccurredAt);
