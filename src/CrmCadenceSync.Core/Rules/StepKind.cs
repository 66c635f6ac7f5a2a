namespace CrmCadenceSync.Core.Rules;

public enum StepKind
{
    /// <summary>A task for the owning rep.</summary>
    Task,

    /// <summary>A task carrying a drafted email for the rep to send.</summary>
    ManualEmail,

    /// <summary>Sent through the company's SMTP relay, then logged as an email engagement.</summary>
    AutoEmail,

    /// <summary>A note on the contact's timeline.</summary>
    Note,
}
