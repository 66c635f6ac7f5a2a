namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>Who may use the admin API and page (<c>Admin</c> section).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Require a key even when the worker listens on loopback only.</summary>
    public bool RequireApiKey { get; set; }

    /// <summary>Key name to secret (<c>Admin:ApiKeys:ops</c>); the name is what the audit records as the actor.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
