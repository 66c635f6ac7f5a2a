using System.Globalization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>The timeline notes and status fields reps see in their CRM when an enrollment starts, moves or ends.</summary>
internal static class EnrollmentNotes
{
    public static CrmActivity Enrolled(Enrollment enrollment, Contact contact, Cadence cadence, DateTimeOffset now, DateOnly repDate) =>
        Note($"{enrollment.Id:N}:enrolled", contact, now, repDate, enrollment.TriggerFields is null
            ? $"Enrolled in {cadence.Name}: score {Score(contact)}, segment {enrollment.Segment}. {cadence.Steps.Count} touches; reps get a task for each."
            : $"Enrolled in {cadence.Name} by {enrollment.Segment} ({string.Join(", ", enrollment.TriggerFields.Select(f => $"{f.Key}: {f.Value}"))}). {cadence.Steps.Count} touches.");

    public static CrmActivity Ended(Enrollment enrollment, Contact contact, Cadence? cadence, DateTimeOffset now, DateOnly repDate) =>
        Note($"{enrollment.Id:N}:ended", contact, now, repDate, enrollment.State == EnrollmentState.Completed
            ? $"Completed {cadence?.Name ?? enrollment.CadenceId}: every touch is done{(enrollment.ExitReason == ExitReason.NoResponse ? ", with no response" : "")}."
            : $"Left {cadence?.Name ?? enrollment.CadenceId}: {Describe(enrollment)} (score {Score(contact)}).");

    /// <summary>The ended note of an enrollment held for longer than <c>Policies:MaxHeldDays</c>, saying what held it.</summary>
    public static CrmActivity HeldTooLong(
        Enrollment enrollment, string? holdReason, TimeSpan maxHeld, Contact contact, Cadence? cadence, DateTimeOffset now, DateOnly repDate) =>
        Note($"{enrollment.Id:N}:ended", contact, now, repDate, string.Create(
            CultureInfo.InvariantCulture,
            $"Left {cadence?.Name ?? enrollment.CadenceId}: held for more than {maxHeld.TotalDays:0.##} days ({holdReason ?? "no reason recorded"}) without the cause being fixed."));

    /// <summary>The note an auto-reply leaves: the cadence waits until the contact is back.</summary>
    public static CrmActivity AutoReplyPause(
        Enrollment enrollment, Contact contact, Cadence? cadence, DateTimeOffset replyAt, DateOnly? returnDate, DateTimeOffset resumeAt, DateTimeOffset now, DateOnly repDate) =>
        Note($"{enrollment.Id:N}:auto-reply:{replyAt.UtcTicks}", contact, now, repDate, string.Create(
            CultureInfo.InvariantCulture,
            $"Auto-reply received: {cadence?.Name ?? enrollment.CadenceId} waits until {resumeAt:yyyy-MM-dd} in the contact's time zone ({(returnDate is null ? "no return date in the reply" : "the return date in the reply")}). It is not counted as a reply."));

    /// <remarks>
    /// Each staged status is its own write (the newest per contact wins when sent), so its key must be unique even when
    /// inbox processing and a due step stage one for the same enrollment at the same clock reading; a clash would fail
    /// the whole batch's transaction on the outbox's unique key, again at every retry.
    /// </remarks>
    public static ContactStatus Status(Enrollment enrollment, Contact contact, Cadence? cadence, DateTimeOffset? nextTouchAt, DateTimeOffset now) =>
        new(
            $"{enrollment.Id:N}:status:{now.UtcTicks}:{Guid.NewGuid():N}",
            contact.CrmId,
            contact.RecordType,
            enrollment.Segment,
            cadence?.Name ?? enrollment.CadenceId,
            enrollment.State switch
            {
                EnrollmentState.Exited => $"Exited: {ExitWording.Label(enrollment.ExitReason!.Value, enrollment.ExitDetail)}",
                EnrollmentState.Held => $"Held: {enrollment.HoldReason}",
                EnrollmentState.Active when enrollment.PausedUntil > now => "Paused: auto-reply",
                _ => enrollment.State.ToString(),
            },
            enrollment.IsOpen ? nextTouchAt : null,
            enrollment.IsOpen && cadence is not null && enrollment.NextStepIndex < cadence.Steps.Count
                ? StepLabel(cadence, cadence.Steps[enrollment.NextStepIndex])
                : null);

    private static string StepLabel(Cadence cadence, Step step) =>
        string.Create(CultureInfo.InvariantCulture, $"{step.Number} of {cadence.Steps.Count}: {step.Channel} ({step.Id})");

    private static CrmActivity Note(string key, Contact contact, DateTimeOffset now, DateOnly repDate, string body) =>
        new(key, CrmActivityKind.Note, contact.CrmId, contact.RecordType, contact.OwnerId, StepChannel.Task, StepPriority.Normal,
            null, body, now, repDate);

    private static string Score(Contact contact) =>
        contact.LeadScore?.ToString("0.##", CultureInfo.InvariantCulture) ?? "none";

    private static string Describe(Enrollment enrollment) => enrollment.ExitReason switch
    {
        ExitReason.CallOutcome => $"the rep logged the call outcome '{enrollment.ExitDetail}'",
        ExitReason.Replied => "the contact replied",
        ExitReason.MeetingBooked => "a meeting was booked",
        ExitReason.Bounced => "an email bounced",
        ExitReason.OptedOut when enrollment.ExitDetail == EnrollmentEngine.UnsubscribeReplyDetail => "the contact asked in a reply to be removed",
        ExitReason.OptedOut => "the contact opted out of email",
        ExitReason.LeftCompany => "a reply said the contact is no longer with the company",
        ExitReason.Deleted => "the record was deleted",
        ExitReason.Merged => "the record was merged into another",
        ExitReason.LeadConverted => "the lead was converted",
        ExitReason.MovedToAnotherCadence => "the score moved the contact to another segment",
        ExitReason.StepSuppressed => "a step was suppressed and the policy ends the cadence",
        ExitReason.Manual => "an admin ended it",
        ExitReason.NoResponse => "every touch went out with no response",
        ExitReason.HeldTooLong => "it was held for too long",
        _ => "ended",
    };
}
