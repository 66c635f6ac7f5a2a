using System.Globalization;
using System.Text.Json.Nodes;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>
/// POST …/{tasks|emails|notes}/batch/create. Each input is validated as HubSpot does (required hs_timestamp, known
/// properties, enumerations, association type ids, unique values); valid inputs are stored, invalid ones come back in
/// <c>errors</c> with their objectWriteTraceId (207), or the whole batch is refused when nothing was valid.
/// </summary>
internal static class CreateEndpoint
{
    private static readonly Dictionary<string, string[]> Enumerations = new(StringComparer.Ordinal)
    {
        ["hs_task_status"] = ["NOT_STARTED", "COMPLETED", "IN_PROGRESS", "WAITING", "DEFERRED"],
        ["hs_task_priority"] = ["NONE", "LOW", "MEDIUM", "HIGH"],
        ["hs_task_type"] = ["TODO", "CALL", "EMAIL", "LINKED_IN", "MEETING"],
        ["hs_email_direction"] = ["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"],
        ["hs_email_status"] = ["BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"],
    };

    public static async Task<ResponseMessage> HandleAsync(HubSpotPortal portal, SandboxFaults faults, TimeSpan hold, string objectType, IRequestMessage request, CancellationToken stopping)
    {
        if (HubSpotPropertyCatalog.AssociationTypeToContact(objectType) < 0)
        {
            return SandboxJson.Error(404, "OBJECT_NOT_FOUND", $"The sandbox creates tasks, emails and notes, not {objectType}.");
        }

        if (SandboxRequest.Body(request) is not JsonObject body || body["inputs"] is not JsonArray inputs)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Invalid input JSON: expected { inputs: [ { properties, associations } ] }.");
        }

        if (inputs.Count > ObjectEndpoints.MaxBatch)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"Batch input size {inputs.Count} exceeds the limit of {ObjectEndpoints.MaxBatch}.");
        }

        if (faults.TakeSlowCreate() is { } proceed)
        {
            await proceed.WaitAsync(stopping).ConfigureAwait(false);
        }

        var results = new List<object>();
        var errors = new List<object>();
        var conflicts = 0;
        lock (portal.Gate)
        {
            var now = portal.Time.GetUtcNow();
            var unique = portal.PropertiesOf(objectType).Values.Where(p => p.HasUniqueValue).Select(p => p.Name).ToList();
            var index = 0;
            foreach (var input in inputs)
            {
                var trace = input?["objectWriteTraceId"]?.ToString() ?? index.ToString(CultureInfo.InvariantCulture);
                index++;
                var values = SandboxRequest.Properties(input?["properties"]);
                var problems = Validate(portal, objectType, values, input?["associations"] as JsonArray);
                if (problems.Count > 0)
                {
                    errors.Add(ObjectEndpoints.InputError("VALIDATION_ERROR", $"Property values were not valid: {string.Join("; ", problems)}", trace));
                    continue;
                }

                var clash = unique.FirstOrDefault(p => values.GetValueOrDefault(p) is { } v && portal.UniqueIndex(objectType, p).ContainsKey(v));
                if (clash is not null)
                {
                    conflicts++;
                    errors.Add(ObjectEndpoints.InputError(
                        "CONFLICT",
                        $"A {objectType[..^1]} already has the value '{values[clash]}' for the unique property {clash}.",
                        trace));
                    continue;
                }

                var record = portal.NewActivity(objectType, values, now);
                foreach (var association in input?["associations"] as JsonArray ?? [])
                {
                    var to = SandboxRequest.ParseId(association?["to"]?["id"]?.ToString())!.Value;
                    foreach (var type in association?["types"] as JsonArray ?? [])
                    {
                        record.Associations.Add(new HubSpotAssociation(to, type?["associationCategory"]?.ToString() ?? "", SandboxRequest.Int(type?["associationTypeId"]) ?? 0));
                    }
                }

                results.Add(SandboxJson.Record(record, values.Keys));
            }
        }

        if (results.Count > 0 && faults.TakeTimeoutAfterStore())
        {
            await Task.Delay(hold, stopping).ConfigureAwait(false);
        }

        var now2 = HubSpotPortal.Iso(portal.Time.GetUtcNow());
        if (results.Count == 0 && errors.Count > 0)
        {
            var conflictOnly = conflicts == errors.Count;
            return SandboxJson.Json(conflictOnly ? 409 : 400, new
            {
                status = "error",
                category = conflictOnly ? "CONFLICT" : "VALIDATION_ERROR",
                message = conflictOnly ? "Every input conflicts with an existing unique value." : "No input was valid.",
                correlationId = Guid.NewGuid().ToString(),
                errors,
            });
        }

        return SandboxJson.Json(errors.Count == 0 ? 201 : 207, new
        {
            status = "COMPLETE",
            results,
            errors = errors.Count == 0 ? null : errors,
            numErrors = errors.Count,
            startedAt = now2,
            completedAt = now2,
        });
    }

    private static List<string> Validate(HubSpotPortal portal, string objectType, Dictionary<string, string?> values, JsonArray? associations)
    {
        var problems = new List<string>();
        var known = portal.PropertiesOf(objectType);
        problems.AddRange(values.Keys.Where(k => !known.ContainsKey(k)).Select(k => $"Property \"{k}\" does not exist"));
        var timestamp = values.GetValueOrDefault("hs_timestamp");
        if (string.IsNullOrWhiteSpace(timestamp))
        {
            problems.Add("hs_timestamp is required");
        }
        else if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            problems.Add($"hs_timestamp '{timestamp}' is neither epoch milliseconds nor an ISO 8601 date");
        }

        foreach (var (name, allowed) in Enumerations)
        {
            if (values.GetValueOrDefault(name) is { Length: > 0 } value && !allowed.Contains(value, StringComparer.Ordinal))
            {
                problems.Add($"{value} was not one of the allowed options for {name}: [{string.Join(", ", allowed)}]");
            }
        }

        if (values.GetValueOrDefault("hs_note_body") is { Length: > 65_536 })
        {
            problems.Add("hs_note_body is longer than 65,536 characters");
        }

        var expectedType = HubSpotPropertyCatalog.AssociationTypeToContact(objectType);
        foreach (var association in associations ?? [])
        {
            var to = SandboxRequest.ParseId(association?["to"]?["id"]?.ToString());
            if (to is null || portal.Store("contacts").GetValueOrDefault(to.Value) is not { Archived: false })
            {
                problems.Add($"association target contact {association?["to"]?["id"]} does not exist");
            }

            foreach (var type in association?["types"] as JsonArray ?? [])
            {
                var typeId = SandboxRequest.Int(type?["associationTypeId"]);
                if (type?["associationCategory"]?.ToString() != "HUBSPOT_DEFINED" || typeId != expectedType)
                {
                    problems.Add($"association type {type?["associationCategory"]}/{typeId} is not defined from {objectType} to contacts (expected HUBSPOT_DEFINED/{expectedType})");
                }
            }
        }

        return problems;
    }
}
