using System.Globalization;
using System.Text.Json.Nodes;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary><c>POST /crm/associations/{v}/{from}/{to}/batch/read</c>: the calls logged for each task, the emails on each contact.</summary>
internal static class AssociationEndpoints
{
    private const int MaxBatch = 1000;

    /// <summary>The calls logged for each task.</summary>
    public static ResponseMessage TaskCalls(HubSpotPortal portal, IRequestMessage request) => Read(portal, request, portal.CallsOfTask);

    /// <summary><c>POST /crm/associations/{v}/contacts/emails/batch/read</c>: the email engagements on each contact.</summary>
    public static ResponseMessage ContactEmails(HubSpotPortal portal, IRequestMessage request) => Read(portal, request, portal.EmailsOfContact);

    private static ResponseMessage Read(HubSpotPortal portal, IRequestMessage request, Func<long, IReadOnlyList<long>> associated)
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
                if (SandboxRequest.ParseId(id) is { } fromId && associated(fromId) is { Count: > 0 } found)
                {
                    results.Add(new
                    {
                        from = new { id = fromId.ToString(CultureInfo.InvariantCulture) },
                        to = found.Select(c => new { toObjectId = c, associationTypes = Array.Empty<object>() }),
                    });
                }
            }
        }

        return SandboxJson.Json(200, new { status = "COMPLETE", results });
    }
}
