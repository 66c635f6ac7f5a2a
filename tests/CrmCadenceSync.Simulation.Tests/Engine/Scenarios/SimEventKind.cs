namespace CrmCadenceSync.Simulation.Engine.Scenarios;

/// <summary>What happens in the simulated CRM, to the worker or through the admin API at a simulated hour.</summary>
public enum SimEventKind
{
    /// <summary>The contact appears in the CRM scored <see cref="SimEvent.Arg"/>.</summary>
    Arrive,
    Rescore,
    Reply,
    Meeting,
    Bounce,
    OptOut,
    DoNotCall,
    OwnerChange,
    Delete,

    /// <summary>The contact is merged into contact <see cref="SimEvent.Arg"/> (HubSpot), or deleted as a merge loser (Salesforce).</summary>
    Merge,
    TimeZoneChange,

    /// <summary>A rule-set edit through <c>/api/rules/activate</c>; <see cref="SimEvent.Arg"/> picks the edit and Move or Stay.</summary>
    ActivateRules,
    AdminPause,
    AdminResume,
    AdminExit,

    /// <summary>The worker is stopped for <see cref="SimEvent.Arg"/> hours, then started again on the same SQLite file.</summary>
    Downtime,

    /// <summary>The worker process is replaced by a new one on the same SQLite file.</summary>
    Restart,
}
