namespace CrmCadenceSync.Core.Enrollments.Decisions;

public enum NoChangeReason
{
    NothingChanged,
    NoSegmentMatches,
    CoolingDown,

    /// <summary><c>Policies:Reenroll</c> bars the cadence for good after how the contact's earlier enrollment in it ended.</summary>
    BarredFromCadence,
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
