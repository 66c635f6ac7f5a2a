using System.Globalization;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Simulation.Engine.History;
using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>
/// After each cycle, reads what is new: the step runs and enrollment rows in the database, the worker's contact
/// snapshots, and the tasks and notes the sandboxes stored since the last look (by their growing ids).
/// </summary>
public sealed class SimObserver(SimWorld world, SimHistory history)
{
    /// <summary>Every shipped cadence's default zone.</summary>
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private readonly HashSet<string> seenSalesforce = new(StringComparer.Ordinal);
    private long lastRun;
    private long lastHubSpotTask;
    private long lastHubSpotNote;
    private int cycle;

    /// <returns>The touches first seen now.</returns>
    public async Task<List<Touch>> ObserveAsync()
    {
        var now = world.Time.GetUtcNow();
        cycle++;
        history.Cycles.Add(now);
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
            foreach (var r in await db.StepRuns.AsNoTracking().Where(r => r.Id > lastRun).OrderBy(r => r.Id).ToListAsync())
            {
                history.Add(new StepRunFact(r.Id, r.EnrollmentId, r.StepId, r.Outcome, r.Reason, r.IdempotencyKey, r.DueAt, r.RecordedAt));
                lastRun = r.Id;
            }

            foreach (var e in await db.Enrollments.AsNoTracking().ToListAsync())
            {
                history.Set(new EnrollmentFact(e.Id, e.Connection, e.ContactCrmId, e.CadenceId, e.RuleSetVersion, e.State, e.IsOpen, e.EnrolledAt, e.EndedAt, e.ExitReason, e.HoldReason, e.NextDueAt), now);
            }

            foreach (var c in await db.Contacts.AsNoTracking().ToListAsync())
            {
                history.Contacts[(c.Connection, c.CrmId)] = new ContactFact(c.Connection, c.CrmId, c.TimeZone, c.OwnerId, c.EmailOptOut, c.EmailBounced, c.DoNotCall, c.IsDeleted);
                var owner = c.OwnerId is { } id ? history.OwnerZones.GetValueOrDefault((c.Connection, id)) : null;
                if (!history.ZonesSeen.TryGetValue((c.Connection, c.CrmId), out var zones))
                {
                    history.ZonesSeen[(c.Connection, c.CrmId)] = zones = [];
                }

                zones.Add(StepScheduler.ZoneFor(c.TimeZone, owner, NewYork).Id);
            }
        }

        var touches = new List<Touch>();
        foreach (var (type, isTask) in new[] { ("tasks", true), ("notes", false) })
        {
            var last = isTask ? lastHubSpotTask : lastHubSpotNote;
            foreach (var record in world.HubSpot.Portal.Records(type))
            {
                if (record.Id <= last)
                {
                    continue;
                }

                last = record.Id;
                if (!TryParseKey(record["ccs_sync_key"], out var enrollment, out var step) || record.Associations.Count == 0)
                {
                    continue;
                }

                var contact = record.Associations[0].ToContactId.ToString(CultureInfo.InvariantCulture);
                var due = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(record["hs_timestamp"]!, CultureInfo.InvariantCulture));
                touches.Add(new Touch("hubspot", contact, record.Id.ToString(CultureInfo.InvariantCulture), enrollment, step, isTask, now, due, RepDate(enrollment, contact, due), record["hubspot_owner_id"], cycle));
            }

            if (isTask)
            {
                lastHubSpotTask = last;
            }
            else
            {
                lastHubSpotNote = last;
            }
        }

        foreach (var record in world.Salesforce.Org.Tasks)
        {
            if (!seenSalesforce.Add(record.Id) || !TryParseKey(record["CCS_Sync_Key__c"] as string, out var enrollment, out var step))
            {
                continue;
            }

            var key = (string)record["CCS_Sync_Key__c"]!;
            var due = history.RunsByKey.TryGetValue(key, out var run) ? run.DueAt : now;
            var isTask = !string.Equals(record["Status"] as string, "Completed", StringComparison.Ordinal);
            var day = record["ActivityDate"] switch
            {
                DateOnly date => date,
                DateTime date => DateOnly.FromDateTime(date),
                DateTimeOffset date => DateOnly.FromDateTime(date.DateTime),
                var text => DateOnly.ParseExact(Convert.ToString(text, CultureInfo.InvariantCulture)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            touches.Add(new Touch("salesforce", (string)record["WhoId"]!, record.Id, enrollment, step, isTask, now, due, day, record["OwnerId"] as string, cycle));
        }

        foreach (var touch in touches)
        {
            history.Add(touch);
        }

        return touches;
    }

    /// <summary>Whether the sandbox still shows the task as open (not started) to its rep.</summary>
    public bool IsOpen(Touch touch) => touch.Connection == "hubspot"
        ? world.HubSpot.Portal.Find("tasks", long.Parse(touch.CrmId, CultureInfo.InvariantCulture))?["hs_task_status"] is "NOT_STARTED" or null
        : world.Salesforce.Org.Find(touch.CrmId)?["Status"] is "Not Started";

    private DateOnly RepDate(Guid enrollment, string contact, DateTimeOffset due)
    {
        var zone = history.Enrollments.TryGetValue(enrollment, out var e) && history.CadenceOf(e.Version, e.CadenceId) is { } cadence
            ? StepScheduler.ZoneFor(history.Contacts.GetValueOrDefault(("hubspot", contact))?.TimeZone, null, cadence.TimeZone)
            : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(ZonedTime.ToLocal(due, zone));
    }

    /// <summary>A step touch's key is <c>{enrollment:N}:{step id}:{attempt}</c>; the enrollment notes' keys are not.</summary>
    internal static bool TryParseKey(string? key, out Guid enrollment, out string step)
    {
        enrollment = default;
        step = "";
        var parts = key?.Split(':');
        if (parts is not { Length: 3 } || !Guid.TryParseExact(parts[0], "N", out enrollment) || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        step = parts[1];
        return true;
    }
}
