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
}
