namespace CrmCadenceSync.Core.Metrics;

/// <summary>An enrollment as the metrics need it: where it belongs and when it started (time to first response counts from then).</summary>
public sealed record EnrollmentRecord(Guid Id, string CadenceId, string Segment, DateTimeOffset EnrolledAt);
