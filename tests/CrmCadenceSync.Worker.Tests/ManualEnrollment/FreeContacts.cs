using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Rules;
using CrmCadenceSync.Worker.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.ManualEnrollment;

/// <summary>Stored contacts of the seeded sandbox picked by what the policy will say about them.</summary>
internal static class FreeContacts
{
    /// <summary>Contacts of a connection that no rule refuses: never enrolled, reachable, owned, in no pausing stage, no role.</summary>
    public static async Task<List<Contact>> FreeAsync(AdminHost host, string connection)
    {
        var rules = host.App.Services.GetRequiredService<RuleSetProvider>().Current.Rules;
        var enrolled = (await host.QueryAsync(db => db.Enrollments.AsNoTracking().Select(e => e.ContactCrmId).Distinct().ToListAsync())).ToHashSet(StringComparer.Ordinal);
        var contacts = await AllAsync(host, connection);
        return [.. contacts.Where(c => !enrolled.Contains(c.CrmId) && !c.EmailOptOut && !c.EmailBounced && !c.DoNotCall && !c.IsDeleted
            && c.MergedIntoCrmId is null && !c.IsConverted && !string.IsNullOrEmpty(c.OwnerId) && !string.IsNullOrEmpty(c.Email)
            && !rules.Policies.PausesIn(c.LifecycleStage) && rules.Roles.RoleOf(c) is null)
            .OrderBy(c => c.CrmId, StringComparer.Ordinal)];
    }

    public static async Task<List<Contact>> AllAsync(AdminHost host, string connection) =>
        [.. (await host.QueryAsync(db => db.Contacts.AsNoTracking().Where(c => c.Connection == connection).ToListAsync())).Select(c => c.ToContact())];
}
