using System.Globalization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Processing;

namespace CrmCadenceSync.Worker.CrmCard;

/// <summary>The card a rep sees on a contact: its enrollments, newest first, each with its step history.</summary>
internal static class CrmCardBuilder
{
    /// <summary>HubSpot shows at most five results on a card.</summary>
    public const int MaxResults = 5;

    public static CrmCardResponse Build(Contact contact, Owner? owner, RuleSet rules, IReadOnlyList<EnrollmentEntity> enrollments, ILookup<Guid, StepRunEntity> runs) =>
        new([.. enrollments.Take(MaxResults).Select((e, i) => Item(i + 1, e, contact, owner, rules.Cadences.GetValueOrDefault(e.CadenceId), runs[e.Id]))]);

    private static CrmCardItem Item(int number, EnrollmentEntity enrollment, Contact contact, Owner? owner, Cadence? cadence, IEnumerable<StepRunEntity> runs)
    {
        var name = cadence?.Name ?? enrollment.CadenceId;
        var zone = cadence is null ? TimeZoneInfo.Utc : TouchTiming.ContactZone(contact, owner, cadence);
        var status = enrollment.State switch
        {
            "Exited" => $"Exited: {(enrollment.ExitReason is { } exit ? ExitWording.Label(exit) : "ended")}",
            "Held" => $"Held: {enrollment.HoldReason}",
            _ => enrollment.State,
        };
        List<CrmCardProperty> properties =
        [
            new("Segment", "STRING", enrollment.Segment),
            new("Cadence", "STRING", name),
            new("Status", "STRING", status),
            new("Enrolled", "STRING", Local(enrollment.EnrolledAt, zone)),
        ];
        if (enrollment.IsOpen && cadence is not null && enrollment.NextStepIndex < cadence.Steps.Count)
        {
            var step = cadence.Steps[enrollment.NextStepIndex];
            properties.Add(new("Current step", "STRING", $"{step.Number} of {cadence.Steps.Count}: {step.Id} ({step.Channel})"));
        }

        if (enrollment.IsOpen && enrollment.NextDueAt is { } next)
        {
            properties.Add(new("Next touch", "STRING", Local(next, zone)));
        }

        if (enrollment.EndedAt is { } ended)
        {
            properties.Add(new("Ended", "STRING", Local(ended, zone)));
        }

        var history = runs.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id)
            .Select(r => $"{r.StepNumber} {r.StepId}: {r.Outcome}{(r.Variant is null or StepVariant.DefaultName ? "" : $" ({r.Variant})")}{(r.Reason is null ? "" : $", {r.Reason}")}, {Local(r.RecordedAt, zone)}")
            .ToList();
        properties.Add(new("Touches", "STRING", history.Count == 0 ? "none yet" : string.Join("; ", history)));
        return new CrmCardItem(number, $"{name} ({enrollment.Segment})", properties);
    }

    /// <summary>A time as the contact's clock shows it, with the zone named.</summary>
    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        ZonedTime.ToLocal(at, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
}
