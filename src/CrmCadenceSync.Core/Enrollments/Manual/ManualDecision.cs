namespace CrmCadenceSync.Core.Enrollments.Manual;

/// <summary>What a manual enrollment does for one contact.</summary>
public abstract record ManualDecision;

/// <summary>
/// Enroll: <see cref="Started"/> is the new enrollment (held when the contact has no owner, like any enrollment);
/// <see cref="Note"/> says what will be skipped, if anything.
/// </summary>
public sealed record ManualEnroll(Enrollment Started, string? Note) : ManualDecision;

/// <summary>It already runs this very cadence: nothing to do (a repeated request enrolls nobody twice).</summary>
public sealed record ManualAlreadyEnrolled(Enrollment Current) : ManualDecision;

/// <summary>Not enrolled, with the reason in words an admin can act on.</summary>
public sealed record ManualRefused(ManualRefusal Reason, string Message) : ManualDecision;
