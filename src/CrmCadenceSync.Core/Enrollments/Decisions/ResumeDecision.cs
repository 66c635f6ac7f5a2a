namespace CrmCadenceSync.Core.Enrollments.Decisions;

public sealed record ResumeDecision(string Reason) : EnrollmentDecision;
