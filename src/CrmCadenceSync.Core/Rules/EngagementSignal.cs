namespace CrmCadenceSync.Core.Rules;

/// <summary>Engagement facts a step condition can test, as the CRM reports them.</summary>
public enum EngagementSignal
{
    /// <summary>The contact opened an email since the cadence's last email step.</summary>
    LastEmailOpened,

    /// <summary>The contact clicked a link in an email since the cadence's last email step.</summary>
    LastEmailClicked,

    /// <summary>The contact replied since the cadence's last email step.</summary>
    LastEmailReplied,
}
