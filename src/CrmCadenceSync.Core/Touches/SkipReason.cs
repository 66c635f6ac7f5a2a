namespace CrmCadenceSync.Core.Touches;

public enum SkipReason
{
    EmailOptOut,
    EmailBounced,
    DoNotCall,
    ConditionNotMet,

    /// <summary>The contact's role skips this step (for example Finance skips LinkedIn).</summary>
    RoleExcluded,

    /// <summary>An automated email to a contact without the consent <c>Compliance:Consent</c> requires.</summary>
    NoConsent,
}
