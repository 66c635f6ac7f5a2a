namespace CrmCadenceSync.Core.Enrollments;

/// <summary>
/// One thing a held enrollment waits for, in an admin's words: the kind of reason, the merge field it names (if any)
/// and how to lift it, for example "Add the property quiz_timeline to these contacts in the CRM, or a fallback in step 3".
/// </summary>
public sealed record HoldCause(string Reason, string? Field, string Fix);
