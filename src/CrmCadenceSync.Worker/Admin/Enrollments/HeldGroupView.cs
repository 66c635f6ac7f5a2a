namespace CrmCadenceSync.Worker.Admin.Enrollments;

/// <summary>Held enrollments sharing one cause at one step, and the fix that lifts them.</summary>
/// <param name="Step">The step's number in its cadence; null when the rule set no longer has it.</param>
/// <param name="Field">The merge field the hold names, such as <c>contact.quiz_timeline</c>; null for a reason about no field.</param>
public sealed record HeldGroupView(string Reason, string? Field, string Cadence, int? Step, string? StepId, int Count, string Fix);
