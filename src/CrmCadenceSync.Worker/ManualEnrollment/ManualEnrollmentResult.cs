namespace CrmCadenceSync.Worker.ManualEnrollment;

/// <summary>What a manual enrollment did, per contact named.</summary>
public sealed record ManualEnrollmentResult(string Cadence, string StartStep, int Enrolled, int AlreadyEnrolled, int Refused, IReadOnlyList<ManualContactResult> Results);

/// <summary>One contact's outcome.</summary>
/// <param name="Contact">The id or email as it was named.</param>
/// <param name="Outcome">One of <see cref="ManualOutcome"/>'s values.</param>
/// <param name="Reason">Why it was refused (a <c>Core.Enrollments.Manual.ManualRefusal</c> name, <c>NotFound</c> or <c>Ambiguous</c>).</param>
/// <param name="Message">The reason in words, or a note on an enrollment (steps to be skipped, held).</param>
public sealed record ManualContactResult(
    string Contact,
    string Outcome,
    string? Connection = null,
    string? ContactId = null,
    Guid? EnrollmentId = null,
    string? State = null,
    DateTimeOffset? NextTouchAt = null,
    string? Reason = null,
    string? Message = null);

/// <summary>The outcomes a contact can have (strings, so the API's description lists them as an enum).</summary>
public static class ManualOutcome
{
    public const string Enrolled = "enrolled";
    public const string AlreadyEnrolled = "alreadyEnrolled";
    public const string Refused = "refused";

    public const string NotFound = "NotFound";
    public const string Ambiguous = "Ambiguous";
}
