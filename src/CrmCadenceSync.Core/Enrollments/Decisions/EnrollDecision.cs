using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Enrollments.Decisions;

public sealed record EnrollDecision(Segment Segment) : EnrollmentDecision;
