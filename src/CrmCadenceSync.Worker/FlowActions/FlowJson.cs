using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmCadenceSync.Worker.FlowActions;

/// <summary>
/// The JSON of the routes in <c>openapi.json</c>: camel case, absent values left out rather than null (OpenAPI 3.0 types
/// carry no null, and Flow maps a missing output to an empty variable).
/// </summary>
internal static class FlowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static IResult Ok<T>(T value) => Results.Json(value, Options);
}
