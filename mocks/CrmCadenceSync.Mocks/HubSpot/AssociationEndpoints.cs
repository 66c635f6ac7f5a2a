using System.Globalization;
using System.Text.Json.Nodes;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary><c>POST /crm/associations/{v}/tasks/calls/batch/read</c>: the calls logged for each task.</summary>
internal static class AssociationEndpoints
{
    private const int MaxBatch = 1000;

    public static ResponseMessage TaskCalls(HubSpotPortal portal, IRequestMessage request)
    {
        if (SandboxRequest.Body(request) is not JsonObject body || body["inputs"] is not JsonArray inputs)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Invalid input JSON: expected { inputs: [ { id } ] }.");
        }

        if (inputs.Count > MaxBatch)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"Batch input size {inputs.Count} exceeds the limit of {MaxBatch}.");
        }

        var results = new List<object>();
        lock (portal.Gate)
        {
            foreach (var id in inputs.Select(i => i?["id"]?.ToString() ?? ""))
            {
                if (SandboxRequest.ParseId(id) is { } taskId && portal.CallsOfTask(taskId) is { Count: > 0 } calls)
                {
                    results.Add(new
                    {
                        from = new { id = taskId.ToString(CultureInfo.InvariantCulture) },
                        to = calls.Select(c => new { toObjectId = c, associationTypes = Array.Empty<object>() }),
                    });
                }
            }
        }

        return SandboxJson.Json(200, new { status = "COMPLETE", results });
    }
}
