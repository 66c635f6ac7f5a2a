namespace CrmCadenceSync.Core.Metrics;

/// <summary>An engagement outcome recorded against an enrollment, kept for metrics after the contact's data is gone.</summary>
public enum OutcomeKind
{
    Replied,
    MeetingBooked,
    Bounced,
    OptedOut,

    /// <summary>The CRM reports one of the enrollment's tasks completed (with the rep's call outcome, if any).</summary>
    TaskCompleted,
}
