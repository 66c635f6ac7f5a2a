using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;

namespace CrmCadenceSync.Worker.Admin;

/// <summary>Stages an audit row in the same save as the change it records, so the two commit together or not at all.</summary>
internal static class AdminAudit
{
    public static void Record(CadenceDbContext db, string actor, string action, string target, string? detail, DateTimeOffset at) =>
        db.AdminAudit.Add(new AdminAuditEntity { Actor = actor, Action = action, Target = target, Detail = detail, At = at });
}
