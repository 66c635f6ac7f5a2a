namespace CrmCadenceSync.Salesforce.Configuration;

/// <summary>
/// When an email Task that is not ours counts as a reply. A Task says nothing of direction: with Enhanced Email each
/// EmailMessage has its own Task (judged by the message instead), so the email Tasks left are mostly ones logged
/// by Email to Salesforce (BCC), which are the rep's own sent mail.
/// </summary>
public enum SalesforceEmailTaskReplies
{
    /// <summary>Only in an org without EmailMessage (Enhanced Email off), where email is logged as Tasks alone.</summary>
    WithoutEnhancedEmail,

    /// <summary>Every email Task on the person that we did not write and no EmailMessage owns.</summary>
    Always,

    Never,
}
