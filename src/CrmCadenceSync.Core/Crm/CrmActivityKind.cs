namespace CrmCadenceSync.Core.Crm;

public enum CrmActivityKind
{
    /// <summary>A task for the owning rep (calls, LinkedIn, manual emails with the draft in the body).</summary>
    Task,

    /// <summary>An email already sent, logged on the contact's timeline.</summary>
    LoggedEmail,

    /// <summary>A timeline note (for example "Enrolled in Hot: score 82").</summary>
    Note,
}
