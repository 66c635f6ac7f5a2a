using System.Globalization;
using System.Text.Json;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>What HubSpot posts to a custom workflow action's <c>actionUrl</c>: the execution's callback id, the enrolled record and the inputs.</summary>
internal sealed record WorkflowActionRequest(string CallbackId, string ObjectId, string? WorkflowId, IReadOnlyDictionary<string, string?> Inputs)
{
    /// <summary>The request, or what is wrong with it (naming the field).</summary>
    public static (WorkflowActionRequest? Request, string? Problem) Parse(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!root.TryGetProperty("callbackId", out var callback) || callback.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(callback.GetString()))
            {
                return (null, "callbackId is missing.");
            }

            if (!root.TryGetProperty("object", out var obj) || !obj.TryGetProperty("objectId", out var objectId)
                || objectId.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
            {
                return (null, "object.objectId is missing.");
            }

            string? workflow = root.TryGetProperty("context", out var context) && context.TryGetProperty("workflowId", out var w) ? Text(w) : null;
            var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
            // HubSpot's newer payloads say inputFields, older ones fields.
            foreach (var name in new[] { "fields", "inputFields" })
            {
                if (root.TryGetProperty(name, out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        inputs[field.Name] = Text(field.Value);
                    }
                }
            }

            return (new WorkflowActionRequest(callback.GetString()!, Text(objectId)!, workflow, inputs), null);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not JSON: {e.Message}");
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public int? StartStep(out string? problem)
    {
        problem = null;
        if (!Inputs.TryGetValue("start_step", out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var step) && step == decimal.Truncate(step))
        {
            return (int)step;
        }

        problem = $"Input start_step '{raw}' is not a whole step number.";
        return null;
    }
}
