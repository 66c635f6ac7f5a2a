using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>List (cursor paging), batch read (by id or a unique property) and batch update.</summary>
internal static class ObjectEndpoints
{
    public const int MaxBatch = 100;

    public static ResponseMessage List(HubSpotPortal portal, string objectType, IRequestMessage request)
    {
        var limit = int.TryParse(SandboxRequest.Query(request, "limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 10;
        if (limit is < 1 or > 100)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"limit must be between 1 and 100 (got {limit}).");
        }

        long afterId = 0;
        if (SandboxRequest.Query(request, "after") is { Length: > 0 } after)
        {
            try
            {
                afterId = long.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return SandboxJson.Error(400, "VALIDATION_ERROR", $"after '{after}' is not a valid paging cursor.");
            }
        }

        var archived = SandboxRequest.Query(request, "archived") == "true";
        var properties = (SandboxRequest.Query(request, "properties") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        List<HubSpotRecord> page;
        bool more;
        lock (portal.Gate)
        {
            var candidates = portal.Store(objectType).Values.Where(r => r.Id > afterId && r.Archived == archived);
            page = [.. candidates.Take(limit + 1)];
            more = page.Count > limit;
            if (more)
            {
                page.RemoveAt(limit);
            }
        }

        var cursor = more ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Id.ToString(CultureInfo.InvariantCulture))) : null;
        return SandboxJson.Json(200, new
        {
            results = page.Select(r => SandboxJson.Record(r, properties)),
            paging = cursor is null ? null : new { next = new { after = cursor, link = $"?after={cursor}" } },
        });
    }

    public static ResponseMessage BatchRead(HubSpotPortal portal, string objectType, IRequestMessage request)
    {
        if (SandboxRequest.Body(request) is not JsonObject body || body["inputs"] is not JsonArray inputs)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Invalid input JSON: expected { inputs: [ { id } ] }.");
        }

        if (inputs.Count > MaxBatch)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"Batch input size {inputs.Count} exceeds the limit of {MaxBatch}.");
        }

        var idProperty = body["idProperty"]?.GetValue<string>();
        var properties = SandboxRequest.Strings(body["properties"]);
        var archived = SandboxRequest.Query(request, "archived") == "true";
        var results = new List<object>();
        var missing = new List<string>();
        lock (portal.Gate)
        {
            if (idProperty is not null && idProperty != "hs_object_id"
                && !(portal.PropertiesOf(objectType).TryGetValue(idProperty, out var definition) && definition.HasUniqueValue))
            {
                return SandboxJson.Error(400, "VALIDATION_ERROR", $"{idProperty} is not a unique identifier property for {objectType}.");
            }

            var store = portal.Store(objectType);
            foreach (var id in inputs.Select(i => i?["id"]?.ToString() ?? ""))
            {
                var record = idProperty is null or "hs_object_id"
                    ? ById(store, id, archived)
                    : portal.UniqueIndex(objectType, idProperty).GetValueOrDefault(id) is { } held && held.Archived == archived ? held : null;
                if (record is null)
                {
                    missing.Add(id);
                }
                else
                {
                    results.Add(SandboxJson.Record(record, properties.Append(idProperty ?? "hs_object_id")));
                }
            }
        }

        var errors = missing.Count == 0
            ? null
            : new[]
            {
                new
                {
                    status = "error",
                    category = "OBJECT_NOT_FOUND",
                    message = $"Could not get some {objectType.ToUpperInvariant()} objects, they may be deleted or not exist. Check that ids are valid.",
                    context = new Dictionary<string, IReadOnlyList<string>> { ["ids"] = missing },
                },
            };
        return SandboxJson.Json(errors is null ? 200 : 207, new { status = "COMPLETE", results, errors, numErrors = errors?.Length });
    }

    public static ResponseMessage BatchUpdate(HubSpotPortal portal, string objectType, IRequestMessage request)
    {
        if (SandboxRequest.Body(request) is not JsonObject body || body["inputs"] is not JsonArray inputs)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Invalid input JSON: expected { inputs: [ { id, properties } ] }.");
        }

        if (inputs.Count > MaxBatch)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"Batch input size {inputs.Count} exceeds the limit of {MaxBatch}.");
        }

        var results = new List<object>();
        var errors = new List<object>();
        lock (portal.Gate)
        {
            var now = portal.Time.GetUtcNow();
            var known = portal.PropertiesOf(objectType);
            foreach (var input in inputs.OfType<JsonObject>())
            {
                var id = input["id"]?.ToString() ?? "";
                var trace = input["objectWriteTraceId"]?.ToString() ?? id;
                var values = SandboxRequest.Properties(input["properties"]);
                var unknown = values.Keys.Where(k => !known.ContainsKey(k)).ToList();
                if (unknown.Count > 0)
                {
                    errors.Add(InputError("VALIDATION_ERROR", $"Property values were not valid: property \"{unknown[0]}\" does not exist", trace));
                    continue;
                }

                if (SandboxRequest.ParseId(id) is not { } recordId || portal.Store(objectType).GetValueOrDefault(recordId) is not { Archived: false } record)
                {
                    errors.Add(new
                    {
                        status = "error",
                        category = "OBJECT_NOT_FOUND",
                        message = $"Object {id} not found",
                        context = new Dictionary<string, IReadOnlyList<string>> { ["ids"] = [id], ["objectWriteTraceId"] = [trace] },
                    });
                    continue;
                }

                foreach (var (name, value) in values)
                {
                    portal.SetProperty(record, name, value);
                }

                // HubSpot stamps a task's completion itself when its status becomes COMPLETED.
                if (objectType == "tasks" && record["hs_task_status"] == "COMPLETED" && string.IsNullOrEmpty(record["hs_task_completion_date"]))
                {
                    record.Properties["hs_task_completion_date"] = HubSpotPortal.Iso(now);
                }

                portal.Stamp(record, now, now);
                results.Add(SandboxJson.Record(record, values.Keys));
            }
        }

        var status = errors.Count == 0 ? 200 : results.Count > 0 ? 207 : 400;
        return status == 400
            ? SandboxJson.Json(400, new { status = "error", category = "VALIDATION_ERROR", message = "No input was valid.", errors })
            : SandboxJson.Json(status, new { status = "COMPLETE", results, errors = errors.Count == 0 ? null : errors, numErrors = errors.Count });
    }

    public static object InputError(string category, string message, string trace) => new
    {
        status = "error",
        category,
        message,
        context = new Dictionary<string, IReadOnlyList<string>> { ["objectWriteTraceId"] = [trace] },
    };

    /// <summary>HubSpot answers a merged-away id with the surviving record.</summary>
    private static HubSpotRecord? ById(SortedDictionary<long, HubSpotRecord> store, string id, bool archived)
    {
        if (SandboxRequest.ParseId(id) is not { } recordId)
        {
            return null;
        }

        if (store.TryGetValue(recordId, out var record) && record.Archived == archived)
        {
            return record;
        }

        return archived
            ? null
            : store.Values.FirstOrDefault(r => !r.Archived && (r["hs_merged_object_ids"] ?? "").Split(';').Contains(id, StringComparer.Ordinal));
    }
}
