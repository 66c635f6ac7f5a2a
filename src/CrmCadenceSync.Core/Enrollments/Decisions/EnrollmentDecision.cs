namespace CrmCadenceSync.Core.Enrollments.Decisions;

/// <summary>What the engine decided for one contact. Applying it is the caller's job, in one transaction.</summary>
public abstract record EnrollmentDecision;
