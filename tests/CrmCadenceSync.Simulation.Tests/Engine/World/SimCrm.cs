using System.Globalization;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Simulation.Engine.History;
using CrmCadenceSync.Simulation.Engine.Scenarios;

namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>
/// Plays contact events into the sandbox CRMs as reps, email tools and prospects would: three contacts in four live in
/// HubSpot (about half of their changes also announced by a signed webhook), the fourth is a Salesforce Lead (read by
/// polling). Records each change's time as the ground truth the invariants hold the worker to.
/// </summary>
public sealed class SimCrm(SimWorld world, SimHistory history)
{
    private static readonly string[] HubSpotZones = ["america_slash_new_york", "america_slash_chicago", "america_slash_denver", "america_slash_los_angeles"];

    private readonly Dictionary<int, (string Connection, string Id)> contacts = [];
    private readonly List<SandboxWebhookEvent> undelivered = [];

    public static bool IsSalesforce(int contact) => contact % 4 == 3;

    /// <summary>Changes in each CRM since the worker last polled it, and webhooks delivered since it last read its inbox.</summary>
    public WorldChanges Changes { get; set; }

    public (string Connection, string Id)? Find(int contact) => contacts.TryGetValue(contact, out var found) ? found : null;

    /// <returns>Whether the event changed anything (a contact not yet arrived or already gone is left alone).</returns>
    public async Task<bool> ApplyAsync(SimEvent e)
    {
        var now = world.Time.GetUtcNow();
        if (e.Kind == SimEventKind.Arrive)
        {
            if (contacts.ContainsKey(e.Contact))
            {
                return false;
            }

            contacts[e.Contact] = IsSalesforce(e.Contact) ? ("salesforce", AddLead(e)) : ("hubspot", await AddHubSpotAsync(e));
            Changes |= IsSalesforce(e.Contact) ? WorldChanges.Salesforce : WorldChanges.HubSpot;
            return true;
        }

        if (Find(e.Contact) is not { } found || history.TruthOf(found.Connection, found.Id).DeletedAt is not null)
        {
            return false;
        }

        var truth = history.TruthOf(found.Connection, found.Id);
        var changed = found.Connection == "salesforce" ? ApplySalesforce(e, found.Id, truth, now) : await ApplyHubSpotAsync(e, long.Parse(found.Id, CultureInfo.InvariantCulture), truth, now);
        if (changed)
        {
            Changes |= found.Connection == "salesforce" ? WorldChanges.Salesforce : WorldChanges.HubSpot;
            history.LastChange[(found.Connection, found.Id)] = now;
            if (e.Kind == SimEventKind.Merge && Find(e.Arg) is { } survivor)
            {
                history.LastChange[(survivor.Connection, survivor.Id)] = now;
            }
        }

        return changed;
    }

    /// <summary>HubSpot retries webhooks the worker missed while it was down.</summary>
    public async Task DeliverMissedWebhooksAsync()
    {
        if (undelivered.Count > 0 && await world.SendHubSpotWebhookAsync([.. undelivered]))
        {
            undelivered.Clear();
            Changes |= WorldChanges.Webhook;
        }
    }

    /// <summary>Notes every rep's zone (Salesforce users have one; HubSpot owners do not).</summary>
    public void ReadOwners()
    {
        foreach (var user in world.Salesforce.Org.Users)
        {
            history.OwnerZones[("salesforce", user.Id)] = user["TimeZoneSidKey"] as string;
        }
    }

    private async Task<string> AddHubSpotAsync(SimEvent e)
    {
        var portal = world.HubSpot.Portal;
        var id = portal.AddContacts(1)[0];
        portal.TouchContact(id, world.Time.GetUtcNow(), new Dictionary<string, string?>
        {
            ["firstname"] = $"Sim{e.Contact}",
            ["lastname"] = "Prospect",
            ["company"] = "Acme Corp",
            ["jobtitle"] = (e.Contact % 7) == 0 ? "CFO" : "VP Sales",
            ["hubspotscore"] = e.Arg.ToString(CultureInfo.InvariantCulture),
            ["hs_timezone"] = HubSpotZones[e.Contact % HubSpotZones.Length],
            ["hubspot_owner_id"] = portal.Owners[e.Contact % portal.Owners.Count].Id.ToString(CultureInfo.InvariantCulture),
            ["lifecyclestage"] = "lead",
            ["hs_email_optout"] = "false",
            ["quiz_primary_challenge"] = "pipeline visibility",
            ["quiz_team_size"] = "11-50",
            ["quiz_timeline"] = "this quarter",
        });
        if (e.Contact % 2 == 0)
        {
            await AnnounceAsync(world.HubSpot.Webhooks.Event("contact.creation", id));
        }

        history.TruthOf("hubspot", id.ToString(CultureInfo.InvariantCulture));
        return id.ToString(CultureInfo.InvariantCulture);
    }

    private string AddLead(SimEvent e)
    {
        var org = world.Salesforce.Org;
        var record = org.Add(SalesforceOrgState.Lead, new Dictionary<string, object?>
        {
            ["FirstName"] = $"Sim{e.Contact}",
            ["LastName"] = "Prospect",
            ["Email"] = $"sim{e.Contact}.prospect@acme.example",
            ["Title"] = "VP Sales",
            ["OwnerId"] = org.Users[e.Contact % org.Users.Count].Id,
            ["LeadSource"] = "Web",
            ["HasOptedOutOfEmail"] = false,
            ["DoNotCall"] = false,
            ["Lead_Score__c"] = (decimal)e.Arg,

            // One lead in five lacks the quiz answers; the simulated quiz email requires the challenge (SimWorld), so a hot
            // one is held, and must not stay so.
            ["Quiz_Primary_Challenge__c"] = e.Contact % 5 == 3 ? null : "pipeline visibility",
            ["Quiz_Team_Size__c"] = e.Contact % 5 == 3 ? null : "11-50",
            ["Quiz_Timeline__c"] = e.Contact % 5 == 3 ? null : "this quarter",
            ["Company"] = "Acme Corp",
            ["Country"] = "US",
            ["Status"] = "Open - Not Contacted",
            ["IsConverted"] = false,
        });
        history.TruthOf("salesforce", record.Id);
        return record.Id;
    }

    private async Task<bool> ApplyHubSpotAsync(SimEvent e, long id, ContactTruth truth, DateTimeOffset now)
    {
        var portal = world.HubSpot.Portal;
        var iso = HubSpotPortal.Iso(now);
        (string Property, string? Value)? change = e.Kind switch
        {
            SimEventKind.Rescore => ("hubspotscore", e.Arg.ToString(CultureInfo.InvariantCulture)),
            SimEventKind.Reply => ("hs_sales_email_last_replied", iso),
            SimEventKind.Meeting => ("hs_latest_meeting_activity", iso),
            SimEventKind.Bounce => ("hs_email_hard_bounce_reason_enum", "UNKNOWN"),
            SimEventKind.OptOut => ("hs_email_optout", "true"),
            SimEventKind.OwnerChange => ("hubspot_owner_id", portal.Owners[e.Arg % portal.Owners.Count].Id.ToString(CultureInfo.InvariantCulture)),
            SimEventKind.TimeZoneChange => ("hs_timezone", HubSpotZones[e.Arg % HubSpotZones.Length]),
            _ => null,
        };
        if (change is { } c)
        {
            portal.TouchContact(id, now, new Dictionary<string, string?> { [c.Property] = c.Value });
            switch (e.Kind)
            {
                case SimEventKind.Reply: truth.RepliedAt = now; break;
                case SimEventKind.Meeting: truth.MeetingAt = now; break;
                case SimEventKind.Bounce: truth.BouncedAt ??= now; break;
                case SimEventKind.OptOut: truth.OptedOutAt ??= now; break;
            }

            if (e.Arg % 2 == 0)
            {
                await AnnounceAsync(world.HubSpot.Webhooks.Event("contact.propertyChange", id, c.Property, c.Value));
            }

            return true;
        }

        switch (e.Kind)
        {
            case SimEventKind.Delete:
                portal.ArchiveContact(id);
                truth.DeletedAt = now;
                await AnnounceAsync(world.HubSpot.Webhooks.Event("contact.deletion", id));
                return true;
            case SimEventKind.Merge when Find(e.Arg) is { Connection: "hubspot" } survivor && survivor.Id != id.ToString(CultureInfo.InvariantCulture)
                && history.TruthOf("hubspot", survivor.Id).DeletedAt is null:
                var primary = long.Parse(survivor.Id, CultureInfo.InvariantCulture);
                portal.MergeContacts(primary, id);
                truth.DeletedAt = now;
                await AnnounceAsync(world.HubSpot.Webhooks.Event("contact.merge", primary) with { PrimaryObjectId = primary, MergedObjectIds = [primary, id] });
                return true;
            default:
                return false;
        }
    }

    private bool ApplySalesforce(SimEvent e, string id, ContactTruth truth, DateTimeOffset now)
    {
        var org = world.Salesforce.Org;
        (string Field, object? Value)? change = e.Kind switch
        {
            SimEventKind.Rescore => ("Lead_Score__c", (decimal)e.Arg),
            SimEventKind.Bounce => ("EmailBouncedDate", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000+0000'", CultureInfo.InvariantCulture)),
            SimEventKind.OptOut => ("HasOptedOutOfEmail", true),
            SimEventKind.DoNotCall => ("DoNotCall", true),
            SimEventKind.OwnerChange => ("OwnerId", org.Users[e.Arg % org.Users.Count].Id),
            _ => null,
        };
        if (change is { } c)
        {
            org.Modify(id, new Dictionary<string, object?> { [c.Field] = c.Value }, now);
            switch (e.Kind)
            {
                case SimEventKind.Bounce: truth.BouncedAt ??= now; break;
                case SimEventKind.OptOut: truth.OptedOutAt ??= now; break;
                case SimEventKind.DoNotCall: truth.DoNotCallAt ??= now; break;
            }

            return true;
        }

        if (e.Kind is SimEventKind.Delete or SimEventKind.Merge)
        {
            org.Delete(id, now);
            truth.DeletedAt = now;
            return true;
        }

        return false;
    }

    private async Task AnnounceAsync(SandboxWebhookEvent e)
    {
        if (await world.SendHubSpotWebhookAsync([e]))
        {
            Changes |= WorldChanges.Webhook;
        }
        else
        {
            undelivered.Add(e);
        }
    }
}
