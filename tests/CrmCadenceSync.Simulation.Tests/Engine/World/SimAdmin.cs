using System.Globalization;
using System.Text.Json.Nodes;
using CrmCadenceSync.Simulation.Engine.History;
using CrmCadenceSync.Simulation.Engine.Scenarios;

namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>
/// The admin at work through the HTTP API: pausing, resuming and exiting a contact's enrollment, and editing the active
/// rule set (a step added, removed or moved, a cadence renamed) with open enrollments moving or staying.
/// </summary>
public sealed class SimAdmin(SimWorld world, SimHistory history, SimCrm crm)
{
    private int edits;

    /// <summary>Rule-set edits the API refused (a generated edit the validator does not allow), for the run's summary.</summary>
    public List<string> Refused { get; } = [];

    public async Task<bool> ActAsync(SimEvent e)
    {
        var action = e.Kind switch
        {
            SimEventKind.AdminPause => "pause",
            SimEventKind.AdminResume => "resume",
            _ => "exit",
        };
        if (crm.Find(e.Contact) is not { } contact
            || history.Enrollments.Values.FirstOrDefault(x => x.IsOpen && x.Connection == contact.Connection && x.ContactId == contact.Id) is not { } open)
        {
            return false;
        }

        // A refusal (resuming what is not paused) is part of an admin's day, not a failure.
        var (status, _) = await world.PostAsync($"api/enrollments/{open.Id}/{action}", new { actor = "sim" });
        if (action == "resume")
        {
            // Asked for, whatever the answer: a refused resume followed by a resume from a change is not the admin's.
            history.AdminResumed.Add(open.Id);
        }

        return status is >= 200 and < 300;
    }

    public async Task<bool> EditRulesAsync(SimEvent e)
    {
        var active = await world.GetAsync("api/rules");
        var definition = active["definition"]!.AsObject().DeepClone().AsObject();
        var cadences = definition["Cadences"]!.AsArray();
        var cadence = cadences[e.Arg % 2 == 0 ? 0 : 1]!.AsObject();
        var steps = cadence["Steps"]!.AsArray();
        edits++;
        switch ((e.Arg / 2) % 4)
        {
            case 0:
                // A call added after a step, between two day offsets (or at the end).
                var after = (e.Arg / 8) % steps.Count;
                var offset = (int?)steps[after]!["DayOffset"];
                var next = after + 1 < steps.Count ? (int?)steps[after + 1]!["DayOffset"] : null;
                if (offset is null || (next is { } n && n - offset < 2))
                {
                    after = steps.Count - 1;
                    offset = LastOffset(steps);
                    next = null;
                }

                var added = steps.First(s => (string?)s!["Channel"] == "Call")!.DeepClone().AsObject();
                added["Id"] = string.Create(CultureInfo.InvariantCulture, $"sim-call-{edits}");
                added["DayOffset"] = next is { } nextOffset ? offset + ((nextOffset - offset) / 2) : offset + 2;
                steps.Insert(after + 1, added);
                break;
            case 1 when steps.Count > 3:
                steps.RemoveAt(1 + ((e.Arg / 8) % (steps.Count - 1)));
                break;
            case 2:
                // Two neighbouring day-offset steps change places; the offsets stay in order.
                var i = 1 + ((e.Arg / 8) % (steps.Count - 2));
                if (steps[i]!["DayOffset"] is null || steps[i + 1]!["DayOffset"] is null)
                {
                    return false;
                }

                var first = steps[i]!.AsObject();
                var second = steps[i + 1]!.AsObject();
                var (firstOffset, secondOffset) = ((int)first["DayOffset"]!, (int)second["DayOffset"]!);
                steps[i] = Retimed(second, firstOffset);
                steps[i + 1] = Retimed(first, secondOffset);
                break;
            default:
                cadence["Name"] = string.Create(CultureInfo.InvariantCulture, $"{(string?)cadence["Name"]} (edit {edits})");
                break;
        }

        var choice = (e.Arg / 64) % 2 == 0 ? "Move" : "Stay";
        history.LastRuleEdit = world.Time.GetUtcNow();
        var (status, body) = await world.PostAsync("api/rules/activate", new { ruleSet = definition, author = "sim", openEnrollments = choice });
        if (status is < 200 or >= 300)
        {
            Refused.Add($"{status}: {body}");
            return false;
        }

        return true;
    }

    private static int LastOffset(JsonArray steps) =>
        steps.Select(s => (int?)s!["DayOffset"]).Where(o => o is not null).Select(o => o!.Value).DefaultIfEmpty(0).Max();

    private static JsonObject Retimed(JsonObject step, int offset)
    {
        var copy = step.DeepClone().AsObject();
        copy["DayOffset"] = offset;
        return copy;
    }
}
