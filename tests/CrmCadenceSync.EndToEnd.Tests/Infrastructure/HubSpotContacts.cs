using System.Globalization;
using CrmCadenceSync.Mocks.HubSpot;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>Puts contacts into the HubSpot sandbox with everything the shipped cadences' templates need.</summary>
internal static class HubSpotContacts
{
    public static long Add(HubSpotSandbox sandbox, decimal score, string name)
    {
        var id = sandbox.Portal.AddContacts(1)[0];
        sandbox.Portal.TouchContact(id, sandbox.Portal.Time.GetUtcNow(), new Dictionary<string, string?>
        {
            ["firstname"] = name,
            ["lastname"] = "Tester",
            ["company"] = "Acme Corp",
            ["jobtitle"] = "VP Sales",
            ["hubspotscore"] = score.ToString(CultureInfo.InvariantCulture),
            ["hs_timezone"] = "america_slash_new_york",
            ["hubspot_owner_id"] = sandbox.Portal.Owners[0].Id.ToString(CultureInfo.InvariantCulture),
            ["lifecyclestage"] = "lead",
            ["hs_email_optout"] = "false",
            ["quiz_primary_challenge"] = "pipeline visibility",
            ["quiz_team_size"] = "11-50",
            ["quiz_timeline"] = "this quarter",
        });
        return id;
    }

    /// <summary>Changes properties now, as a user or workflow in HubSpot would.</summary>
    public static void Change(HubSpotSandbox sandbox, long id, string property, string? value) =>
        sandbox.Portal.TouchContact(id, sandbox.Portal.Time.GetUtcNow(), new Dictionary<string, string?> { [property] = value });

    /// <summary>The stored activities (tasks, emails or notes) associated with a contact.</summary>
    public static IReadOnlyList<HubSpotRecord> ActivitiesOf(HubSpotSandbox sandbox, string objectType, long contactId) =>
        [.. sandbox.Portal.Records(objectType).Where(r => r.Associations.Any(a => a.ToContactId == contactId))];
}
