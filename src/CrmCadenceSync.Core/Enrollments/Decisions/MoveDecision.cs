using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Enrollments.Decisions;

/// <summary>Exit the current cadence and enroll in the new segment's, atomically.</summary>
public sealed record MoveDecision(Segment To) : EnrollmentDecision;
