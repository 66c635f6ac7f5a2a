using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmCadenceSync.HubSpot.Api;

/// <summary>HubSpot's JSON: camelCase, absent fields rather than nulls.</summary>
public static class HubSpotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
