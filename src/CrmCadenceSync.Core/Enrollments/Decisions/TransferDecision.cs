namespace CrmCadenceSync.Core.Enrollments.Decisions;

/// <summary>The open enrollment continues on another record of the same person: same step, same history.</summary>
/// <param name="ToCrmId">The record it continues on (a merge's survivor).</param>
public sealed record TransferDecision(string ToCrmId) : EnrollmentDecision;
