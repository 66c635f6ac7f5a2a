namespace CrmCadenceSync.Core.Rules;

public enum SuppressedStepPolicy
{
    /// <summary>Skip the suppressed step and go on with the cadence.</summary>
    Skip,

    /// <summary>End the enrollment.</summary>
    Exit,
}
