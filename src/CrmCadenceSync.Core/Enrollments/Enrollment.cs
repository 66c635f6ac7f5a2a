using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Enrollments;

/// <summary>One contact's run through one cadence. Immutable; state changes return a new instance.</summary>
public sealed record Enrollment
{
    public required Guid Id { get; init; }

    public required string Connection { get; init; }

    public required string ContactCrmId { get; init; }

    public required string Segment { get; init; }

    public required string CadenceId { get; init; }

    public required DateTimeOffset EnrolledAt { get; init; }

    public EnrollmentState State { get; init; } = EnrollmentState.Active;

    /// <summary>0-based index of the next step to run.</summary>
    public int NextStepIndex { get; init; }

    /// <summary>Why it is held, built by <see cref="HoldReasons"/>, which also reads back the fields it names.</summary>
    public string? HoldReason { get; init; }

    /// <summary>When the current hold began: a hold that lasts longer than <c>Policies:MaxHeldDays</c> ends the enrollment.</summary>
    public DateTimeOffset? HeldSince { get; init; }

    /// <summary>Set when a lifecycle-stage policy paused it, so the engine may resume it; an admin's pause stays.</summary>
    public bool PausedByPolicy { get; init; }

    public ExitReason? ExitReason { get; init; }

    /// <summary>
    /// The reply signal time of the last auto-reply (out of office) that paused this enrollment: replies up to it are handled
    /// and neither end the enrollment nor count as replies.
    /// </summary>
    public DateTimeOffset? AutoReplyAt { get; init; }

    /// <summary>Until when an auto-reply pauses it: no step is due before this (the contact's return day, from its start).</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>What precisely ended it, where the reason alone does not say (the call outcome for <see cref="ExitReason.CallOutcome"/>).</summary>
    public string? ExitDetail { get; init; }

    /// <summary>The exit as stored and shown: the reason, then the detail after a colon (<c>CallOutcome:not interested</c>).</summary>
    public string? ExitDescription => ExitReason is { } reason ? ExitDetail is null ? reason.ToString() : $"{reason}:{ExitDetail}" : null;

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>For an enrollment made by an external trigger: the event's fields, the <c>trigger.*</c> merge fields.</summary>
    public IReadOnlyDictionary<string, string>? TriggerFields { get; init; }

    /// <summary>Active, paused or held: the contact is in this cadence and in no other.</summary>
    public bool IsOpen => State is EnrollmentState.Active or EnrollmentState.Paused or EnrollmentState.Held;

    public Enrollment Exit(ExitReason reason, DateTimeOffset at, string? detail = null) =>
        this with { State = EnrollmentState.Exited, ExitReason = reason, ExitDetail = detail, EndedAt = at, HoldReason = null };

    /// <summary>
    /// The last step ran: a contact who never engaged since enrolling (no open, click, reply or meeting) ends as
    /// <see cref="Enrollments.ExitReason.NoResponse"/>, which <c>Policies:Reenroll</c> times separately.
    /// </summary>
    public Enrollment Complete(Contact contact, DateTimeOffset at) =>
        this with { State = EnrollmentState.Completed, EndedAt = at, ExitReason = EngagedSinceEnrolling(contact) ? null : Enrollments.ExitReason.NoResponse };

    public Enrollment Pause(bool byPolicy) => this with { State = EnrollmentState.Paused, PausedByPolicy = byPolicy };

    /// <summary>Holds it for <paramref name="reason"/>; a hold that continues under a new reason keeps its start.</summary>
    public Enrollment Hold(string reason, DateTimeOffset at) =>
        this with { State = EnrollmentState.Held, HoldReason = reason, HeldSince = State == EnrollmentState.Held ? HeldSince ?? at : at };

    public Enrollment Resume() =>
        this with { State = EnrollmentState.Active, HoldReason = null, HeldSince = null, PausedByPolicy = false };

    /// <summary>Whether it has been held for longer than the policy allows at <paramref name="now"/>.</summary>
    public bool IsHeldTooLong(Policies policies, DateTimeOffset now) =>
        State == EnrollmentState.Held && HeldSince is { } since && now - since > policies.MaxHeld;

    private bool EngagedSinceEnrolling(Contact contact) =>
        contact.LastEmailOpenedAt >= EnrolledAt || contact.LastEmailClickedAt >= EnrolledAt
        || (contact.LastRepliedAt >= EnrolledAt && !(contact.LastRepliedAt <= AutoReplyAt)) || contact.LastMeetingBookedAt >= EnrolledAt;

    /// <summary>A reply signal this enrollment has not handled yet: at or after enrolling, later than the last auto-reply.</summary>
    public DateTimeOffset? UnhandledReplyAt(Contact contact) =>
        contact.LastRepliedAt is { } at && at >= EnrolledAt && !(at <= AutoReplyAt) ? at : null;
}
