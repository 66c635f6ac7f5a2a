namespace CrmCadenceSync.Core.Replies;

public enum ReplyKind
{
    /// <summary>A person answered (also any reply whose text the CRM did not give): the enrollment exits as Replied.</summary>
    Human,

    /// <summary>Out of office or another auto-reply: the cadence waits until the person is back.</summary>
    AutoReply,

    /// <summary>"No longer with the company": the enrollment exits as LeftCompany.</summary>
    LeftCompany,

    /// <summary>The person asked to be removed: opted out.</summary>
    Unsubscribe,
}
