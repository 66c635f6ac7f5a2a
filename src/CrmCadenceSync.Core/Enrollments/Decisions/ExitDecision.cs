namespace CrmCadenceSync.Core.Enrollments.Decisions;

public sealed record ExitDecision(ExitReason Reason) : EnrollmentDecision;
