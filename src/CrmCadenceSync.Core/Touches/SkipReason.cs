namespace CrmCadenceSync.Core.Touches;

public enum SkipReason
{
    EmailOptOut,
    EmailBounced,
    DoNotCall,
    ConditionNotMet,

    /// <summary>The contact's role skips this step (for example Finance skips LinkedIn).</summary>
    RoleExcluded,
}
