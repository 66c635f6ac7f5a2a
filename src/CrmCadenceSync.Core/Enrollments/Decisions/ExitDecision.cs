namespace CrmCadenceSync.Core.Enrollments.Decisions;

/// <param name="Detail">What precisely ended it, when the reason alone does not say (the call outcome).</param>
public sealed record ExitDecision(ExitReason Reason, string? Detail = null) : EnrollmentDecision;
