using System.Text.Json.Nodes;
using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>
/// What changed between two rule sets, in one line an admin can read in the history:
/// "segment Hot: MinScore 70 -> 75; cadence warm-6-touch: step call-2 added".
/// </summary>
internal static class RuleSetDiff
{
    public static string Describe(RuleSetDefinition before, RuleSetDefinition after)
    {
        var (old, now) = (Tree(before), Tree(after));
        var changes = new List<string>();
        Keyed(changes, "segment", old["Segments"], now["Segments"], "Name", null);
        Keyed(changes, "cadence", old["Cadences"], now["Cadences"], "Id", StepChanges);
        Keyed(changes, "trigger", old["Triggers"], now["Triggers"], "Name", null);
        Fields(changes, "policies", old["Policies"] as JsonObject, now["Policies"] as JsonObject);
        Fields(changes, "pilot", old["Pilot"] as JsonObject, now["Pilot"] as JsonObject);
        Fields(changes, "roles", old["Roles"] as JsonObject, now["Roles"] as JsonObject);
        var order = Names(old["Segments"], "Name");
        var newOrder = Names(now["Segments"], "Name");
        if (!order.Intersect(newOrder).SequenceEqual(newOrder.Intersect(order)))
        {
            changes.Add($"segment order: {string.Join(", ", newOrder)}");
        }

        return changes.Count == 0 ? "No change" : string.Join("; ", changes);
    }

    private static JsonObject Tree(RuleSetDefinition definition) => JsonNode.Parse(RuleSetJson.Serialize(definition))!.AsObject();

    private static List<string> Names(JsonNode? list, string key) =>
        [.. (list as JsonArray ?? []).Select(item => item?[key]?.ToString() ?? "")];

    private static void Keyed(
        List<string> changes, string label, JsonNode? before, JsonNode? after, string key, Func<JsonObject, JsonObject, IEnumerable<string>>? inner)
    {
        var old = ByKey(before, key);
        var now = ByKey(after, key);
        changes.AddRange(old.Keys.Where(k => !now.ContainsKey(k)).Select(k => $"{label} {k} removed"));
        foreach (var (name, item) in now)
        {
            if (!old.TryGetValue(name, out var previous))
            {
                changes.Add($"{label} {name} added");
                continue;
            }

            var details = new List<string>();
            Fields(details, null, previous, item, skip: inner is null ? [] : ["Steps"]);
            if (inner is not null)
            {
                details.AddRange(inner(previous, item));
            }

            if (details.Count > 0)
            {
                changes.Add($"{label} {name}: {string.Join(", ", details)}");
            }
        }
    }

    private static IEnumerable<string> StepChanges(JsonObject before, JsonObject after)
    {
        var old = ByKey(before["Steps"], "Id");
        var now = ByKey(after["Steps"], "Id");
        foreach (var id in old.Keys.Where(k => !now.ContainsKey(k)))
        {
            yield return $"step {id} removed";
        }

        foreach (var (id, step) in now)
        {
            if (!old.TryGetValue(id, out var previous))
            {
                yield return $"step {id} added";
                continue;
            }

            var details = new List<string>();
            Fields(details, null, previous, step);
            if (details.Count > 0)
            {
                yield return $"step {id} {string.Join(", ", details)}";
            }
        }

        var oldOrder = old.Keys.Where(now.ContainsKey).ToList();
        var newOrder = now.Keys.Where(old.ContainsKey).ToList();
        if (!oldOrder.SequenceEqual(newOrder))
        {
            yield return $"steps reordered ({string.Join(", ", now.Keys)})";
        }
    }

    private static Dictionary<string, JsonObject> ByKey(JsonNode? list, string key)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var item in (list as JsonArray ?? []).OfType<JsonObject>())
        {
            result.TryAdd(item[key]?.ToString() ?? "", item);
        }

        return result;
    }

    /// <summary>Each changed property as "Name old -> new" for a value, "Name changed" for text, lists and objects.</summary>
    private static void Fields(List<string> changes, string? label, JsonObject? before, JsonObject? after, IReadOnlyCollection<string>? skip = null)
    {
        var details = new List<string>();
        var names = (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? []);
        foreach (var name in names.Where(n => skip?.Contains(n) != true))
        {
            var (old, now) = (before?[name], after?[name]);
            if (JsonNode.DeepEquals(old, now))
            {
                continue;
            }

            details.Add(IsShortValue(old) && IsShortValue(now) ? $"{name} {Show(old)} -> {Show(now)}" : $"{name} changed");
        }

        if (details.Count > 0)
        {
            changes.Add(label is null ? string.Join(", ", details) : $"{label}: {string.Join(", ", details)}");
        }
    }

    private static bool IsShortValue(JsonNode? node) => node is null || (node is JsonValue && node.ToJsonString().Length <= 40);

    private static string Show(JsonNode? node) => node is null ? "none" : node.ToString();
}
