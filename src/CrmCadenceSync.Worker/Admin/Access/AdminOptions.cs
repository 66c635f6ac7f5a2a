namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>Who may use the admin API and page (<c>Admin</c> section).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Require a key even when the worker listens on loopback only.</summary>
    public bool RequireApiKey { get; set; }

    /// <summary>Key name to secret (<c>Admin:ApiKeys:ops</c>); the name is what the audit records as the actor.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Key name to role (<c>Admin:Roles:ops=operator</c>): <c>viewer</c>, <c>operator</c> or <c>admin</c>. A key with no
    /// role here is an admin, as every key was before roles existed, so existing installs keep working.
    /// </summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role of the key named <paramref name="keyName"/> (validated at start, so it parses).</summary>
    public ApiRole RoleOf(string keyName) =>
        Roles.TryGetValue(keyName, out var role) && Enum.TryParse<ApiRole>(role, ignoreCase: true, out var parsed) ? parsed : ApiRole.Admin;
}
