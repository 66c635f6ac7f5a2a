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

    public string? HoldReason { get; init; }

    /// <summary>Set when a lifecycle-stage policy paused it, so the engine may resume it; an admin's pause stays.</summary>
    public bool PausedByPolicy { get; init; }

    public ExitReason? ExitReason { get; init; }

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

    public Enrollment Complete(DateTimeOffset at) => this with { State = EnrollmentState.Completed, EndedAt = at };

    public Enrollment Pause(bool byPolicy) => this with { State = EnrollmentState.Paused, PausedByPolicy = byPolicy };

    public Enrollment Hold(string reason) => this with { State = EnrollmentState.Held, HoldReason = reason };

    public Enrollment Resume() =>
        this with { State = EnrollmentState.Active, HoldReason = null, PausedByPolicy = false };
}
