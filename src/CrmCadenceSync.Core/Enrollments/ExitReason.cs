namespace CrmCadenceSync.Core.Enrollments;

public enum ExitReason
{
    Replied,
    MeetingBooked,
    Bounced,
    OptedOut,
    Deleted,
    Merged,
    LeadConverted,

    /// <summary>A score change moved the contact to another segment's cadence.</summary>
    MovedToAnotherCadence,

    /// <summary>A step was suppressed and the policy ends the enrollment then.</summary>
    StepSuppressed,

    /// <summary>An admin ended it.</summary>
    Manual,

    /// <summary>A rep logged a call outcome the rules exit on (the outcome is the enrollment's exit detail).</summary>
    CallOutcome,

    /// <summary>Every step ran and the contact never engaged (no open, click, reply or meeting since enrolling).</summary>
    NoResponse,

    /// <summary>Held for longer than <c>Policies:MaxHeldDays</c>: what held it was never fixed.</summary>
    HeldTooLong,

    /// <summary>A reply said the person is no longer with the company.</summary>
    LeftCompany,
}
