namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>What an API key may do; each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Reads: the page, rules, enrollments, metrics, dead letters, retention.</summary>
    Viewer = 1,

    /// <summary>Day-to-day operation: pause, resume and exit enrollments, retry or discard dead letters, test sends.</summary>
    Operator = 2,

    /// <summary>Rule sets (validate, preview, activate, roll back) and everything else that changes the worker.</summary>
    Admin = 3,
}
