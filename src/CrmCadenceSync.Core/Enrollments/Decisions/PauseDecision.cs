namespace CrmCadenceSync.Core.Enrollments.Decisions;

public sealed record PauseDecision(string Reason) : EnrollmentDecision;
