namespace CrmCadenceSync.Core.Enrollments.Decisions;

/// <summary>
/// An auto-reply (out of office) came: the enrollment stays in its cadence but no step is due before the person is back
/// (<see cref="Replies.OutOfOfficePause"/> says when, in the contact's zone).
/// </summary>
/// <param name="ReplyAt">The reply signal's time, remembered so the same auto-reply is not handled twice.</param>
/// <param name="ReturnDate">The day the reply says the person is back, when it names one.</param>
/// <param name="Evidence">The header or phrase that gave it away.</param>
public sealed record AutoReplyPauseDecision(DateTimeOffset ReplyAt, DateOnly? ReturnDate, string? Evidence) : EnrollmentDecision;
