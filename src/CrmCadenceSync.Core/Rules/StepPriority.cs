namespace CrmCadenceSync.Core.Rules;

public enum StepPriority
{
    Low,
    Normal,
    High,
}
