using System.Text.Json.Nodes;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary>A per-record error as collection results carry it: <c>{statusCode, message, fields}</c>.</summary>
internal sealed record RecordError(string StatusCode, string Message, params string[] Fields)
{
    public JsonObject ToJson() => new()
    {
        ["statusCode"] = StatusCode,
        ["message"] = Message,
        ["fields"] = new JsonArray([.. Fields.Select(f => JsonValue.Create(f))]),
    };
}
