using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Metrics;

/// <summary>How many enrollments a cadence holds for a segment in one state (and, once exited, with one stored exit).</summary>
public sealed record EnrollmentTally(string CadenceId, string Segment, EnrollmentState State, string? Exit, int Count);
