namespace CrmCadenceSync.Core.Enrollments.Manual;

/// <summary>Why a contact named for manual enrollment was not enrolled.</summary>
public enum ManualRefusal
{
    /// <summary>It runs another cadence already (one cadence per person).</summary>
    InAnotherCadence,

    /// <summary>The same person's record in another connection runs the person's cadence (identity linking).</summary>
    LinkedRecordRuns,

    ContactDeleted,

    /// <summary>A converted lead: its Contact is the record to enroll.</summary>
    LeadConverted,
    OptedOut,
    Bounced,

    /// <summary>Do-not-call, and the cadence would start with (or consists of) call or SMS steps.</summary>
    DoNotCall,

    /// <summary>Its lifecycle stage pauses cadences (<c>Policies:PauseInLifecycleStages</c>).</summary>
    PausingLifecycleStage,

    /// <summary><c>Policies:Reenroll</c> bars this cadence for good after how an earlier enrollment in it ended.</summary>
    BarredFromCadence,

    /// <summary>An earlier enrollment ended too recently (<c>Policies:Reenroll</c>, <c>ReenrollAfterDays</c>).</summary>
    CoolingDown,
}
