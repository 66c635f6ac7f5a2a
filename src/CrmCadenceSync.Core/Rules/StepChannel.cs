namespace CrmCadenceSync.Core.Rules;

public enum StepChannel
{
    Email,
    Call,
    LinkedIn,
    Sms,
    DirectMail,
    Task,
}
