namespace CrmCadenceSync.Core.Metrics;

/// <param name="TaskKey">For <see cref="OutcomeKind.TaskCompleted"/>: the idempotency key of the task the CRM reports completed.</param>
public sealed record OutcomeRecord(Guid EnrollmentId, OutcomeKind Kind, DateTimeOffset OccurredAt, string? TaskKey = null);
