namespace CrmCadenceSync.Core.Enrollments.Decisions;

public enum NoChangeReason
{
    NothingChanged,
    NoSegmentMatches,
    CoolingDown,
    LeadConverted,
    ContactDeleted,
    EmailSuppressed,
    PausingLifecycleStage,
    MoveNotAllowed,
    SameCadence,
    StillPaused,
    StillHeld,
    AlreadyInCadence,
    TriggerFilterNotMet,
}
