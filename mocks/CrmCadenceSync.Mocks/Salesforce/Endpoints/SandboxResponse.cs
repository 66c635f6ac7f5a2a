using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary>What an endpoint answers before the router adds Salesforce's common headers.</summary>
internal sealed record SandboxResponse(int Status, string Body, string ContentType = "application/json;charset=UTF-8")
{
    /// <summary>Salesforce does not escape quotes or apostrophes in its messages.</summary>
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SandboxResponse Json(int status, JsonNode body) => new(status, body.ToJsonString(Output));

    /// <summary>Salesforce's REST error array: <c>[{"message":…,"errorCode":…,"fields":[…]}]</c>.</summary>
    public static SandboxResponse Error(int status, string errorCode, string message, params string[] fields)
    {
        var error = new JsonObject { ["message"] = message, ["errorCode"] = errorCode };
        if (fields.Length > 0)
        {
            error["fields"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f))]);
        }

        return Json(status, new JsonArray(error));
    }

    public ResponseMessage ToMessage(params (string Name, string Value)[] headers)
    {
        var message = new ResponseMessage
        {
            StatusCode = Status,
            BodyData = new BodyData { BodyAsString = Body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", ContentType);
        foreach (var (name, value) in headers)
        {
            message.AddHeader(name, value);
        }

        return message;
    }

    public static JsonObject Parse(string? body) =>
        JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body) as JsonObject
        ?? throw new JsonException("the body is not a JSON object");
}
