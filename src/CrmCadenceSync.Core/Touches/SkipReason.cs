namespace CrmCadenceSync.Core.Touches;

public enum SkipReason
{
    EmailOptOut,
    EmailBounced,
    DoNotCall,
    ConditionNotMet,
}
