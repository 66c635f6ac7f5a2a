using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>The contact's zone as the worker resolves it: the contact's, else its owner's, else the cadence's.</summary>
internal static class ZoneOf
{
    public static TimeZoneInfo Contact(SimHistory history, Touch touch, Cadence cadence)
    {
        var contact = history.Contacts.GetValueOrDefault((touch.Connection, touch.ContactId));
        var owner = contact?.OwnerId is { } id ? history.OwnerZones.GetValueOrDefault((touch.Connection, id)) : null;
        return StepScheduler.ZoneFor(contact?.TimeZone, owner, cadence.TimeZone);
    }

    /// <summary>The zone now and every zone the contact had before (see <see cref="SimHistory.ZonesSeen"/>).</summary>
    public static IEnumerable<TimeZoneInfo> Seen(SimHistory history, Touch touch, Cadence cadence)
    {
        var now = Contact(history, touch, cadence);
        yield return now;
        foreach (var id in history.ZonesSeen.GetValueOrDefault((touch.Connection, touch.ContactId)) ?? [])
        {
            if (id != now.Id && TimeZones.TryResolve(id, out var zone))
            {
                yield return zone;
            }
        }
    }
}
