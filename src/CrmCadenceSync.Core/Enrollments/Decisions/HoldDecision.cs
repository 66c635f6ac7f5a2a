namespace CrmCadenceSync.Core.Enrollments.Decisions;

public sealed record HoldDecision(string Reason) : EnrollmentDecision;
