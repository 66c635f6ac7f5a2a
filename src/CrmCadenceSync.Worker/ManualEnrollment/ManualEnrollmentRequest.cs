namespace CrmCadenceSync.Worker.ManualEnrollment;

/// <summary>Contacts to enroll into one cadence.</summary>
/// <param name="Cadence">The cadence id.</param>
/// <param name="Contacts">CRM record ids or email addresses (an entry with an <c>@</c> is an email).</param>
/// <param name="StartStep">The step to start at, by id or 1-based number; the first step when empty.</param>
/// <param name="Connection">Where to look the contacts up; every connection when empty.</param>
public sealed record ManualEnrollmentRequest(string? Cadence, IReadOnlyList<string>? Contacts, string? StartStep = null, string? Connection = null)
{
    /// <summary>The most contacts one request may name, so one call stays one short transaction per contact.</summary>
    public const int MaxContacts = 500;
}
