using System.Globalization;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>GET /crm/owners/{v} with limit/after paging.</summary>
internal static class OwnerEndpoints
{
    public static ResponseMessage List(HubSpotPortal portal, IRequestMessage request)
    {
        var limit = int.TryParse(SandboxRequest.Query(request, "limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 100;
        var after = int.TryParse(SandboxRequest.Query(request, "after"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : 0;
        if (limit is < 1 or > 500)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"limit must be between 1 and 500 (got {limit}).");
        }

        var owners = portal.Owners;
        var page = owners.Skip(after).Take(limit).Select(o => new
        {
            id = o.Id.ToString(CultureInfo.InvariantCulture),
            email = o.Email,
            firstName = o.FirstName,
            lastName = o.LastName,
            userId = o.UserId,
            archived = false,
        });
        var next = after + limit < owners.Count ? new { next = new { after = (after + limit).ToString(CultureInfo.InvariantCulture) } } : null;
        return SandboxJson.Json(200, new { results = page, paging = next });
    }
}
