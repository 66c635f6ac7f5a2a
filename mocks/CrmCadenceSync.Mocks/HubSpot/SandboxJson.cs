using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>JSON answers in HubSpot's shapes.</summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ResponseMessage Json(int status, object body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = new WireMockList<string>("application/json;charset=utf-8"),
            },
            BodyData = new BodyData
            {
                BodyAsString = JsonSerializer.Serialize(body, Options),
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            },
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = new WireMockList<string>(value);
        }

        return response;
    }

    public static ResponseMessage Error(int status, string category, string message, object? extra = null) =>
        Json(status, new Dictionary<string, object?>
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["category"] = category,
            ["errors"] = extra,
        });

    public static object Record(HubSpotRecord record, IEnumerable<string> properties)
    {
        var wanted = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in properties.Concat(DefaultProperties(record.ObjectType)))
        {
            if (record.Properties.TryGetValue(name, out var value))
            {
                wanted[name] = value;
            }
        }

        return new
        {
            id = record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            properties = wanted,
            createdAt = HubSpotPortal.Iso(record.CreatedAt),
            updatedAt = HubSpotPortal.Iso(record.UpdatedAt),
            archived = record.Archived,
        };
    }

    private static string[] DefaultProperties(string objectType) => objectType == "contacts"
        ? ["hs_object_id", "createdate", "lastmodifieddate", "email", "firstname", "lastname"]
        : ["hs_object_id", "hs_createdate", "hs_lastmodifieddate"];
}
