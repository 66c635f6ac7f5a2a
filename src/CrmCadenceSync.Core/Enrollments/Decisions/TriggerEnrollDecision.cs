using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Enrollments.Decisions;

/// <summary>Enroll in a trigger's cadence, keeping the event's fields as the enrollment's <c>trigger.*</c> merge fields.</summary>
public sealed record TriggerEnrollDecision(Trigger Trigger, IReadOnlyDictionary<string, string> Fields) : EnrollmentDecision;
