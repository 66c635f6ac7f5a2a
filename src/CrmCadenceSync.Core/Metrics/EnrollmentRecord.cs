using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Metrics;

/// <param name="Exit">The exit as stored (<c>Replied</c>, <c>CallOutcome:not interested</c>); null while it has not exited.</param>
public sealed record EnrollmentRecord(Guid Id, string CadenceId, string Segment, EnrollmentState State, string? Exit, DateTimeOffset EnrolledAt);
