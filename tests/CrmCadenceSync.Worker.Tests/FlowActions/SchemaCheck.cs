using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmCadenceSync.Worker.Tests.FlowActions;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema object of the kinds the description uses (type, format, enum,
/// required, properties, items, additionalProperties, local <c>$ref</c>). Stricter than JSON Schema in one way: a property
/// the schema does not list is a problem, because a Flow only sees the documented outputs.
/// </summary>
internal static class SchemaCheck
{
    public static List<string> Problems(JsonNode? value, JsonObject schema, JsonObject document, string at = "$")
    {
        var problems = new List<string>();
        Check(value, schema, document, at, problems);
        return problems;
    }

    public static JsonObject Resolve(JsonObject schema, JsonObject document)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var node = (JsonNode)document;
            foreach (var part in reference.TrimStart('#', '/').Split('/'))
            {
                node = node[part] ?? throw new InvalidOperationException($"Unresolved reference {reference}.");
            }

            schema = node.AsObject();
        }

        return schema;
    }

    private static void Check(JsonNode? value, JsonObject schema, JsonObject document, string at, List<string> problems)
    {
        schema = Resolve(schema, document);
        if (value is null)
        {
            problems.Add($"{at}: null, which an OpenAPI 3.0 type without nullable does not allow");
            return;
        }

        var type = schema["type"]?.GetValue<string>();
        var kind = value.GetValueKind();
        switch (type)
        {
            case "object" when kind == JsonValueKind.Object:
                CheckObject(value.AsObject(), schema, document, at, problems);
                break;
            case "array" when kind == JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.AsArray())
                {
                    Check(item, schema["items"]!.AsObject(), document, $"{at}[{index++}]", problems);
                }

                break;
            case "string" when kind == JsonValueKind.String:
                CheckString(value.GetValue<string>(), schema, at, problems);
                break;
            case "integer" when kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _):
            case "number" when kind == JsonValueKind.Number:
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                break;
            default:
                problems.Add($"{at}: a {kind} where the schema says {type}");
                break;
        }
    }

    private static void CheckObject(JsonObject value, JsonObject schema, JsonObject document, string at, List<string> problems)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            if (!value.ContainsKey(required))
            {
                problems.Add($"{at}: required property '{required}' is missing");
            }
        }

        foreach (var (name, child) in value)
        {
            if (properties?[name] is JsonObject property)
            {
                Check(child, property, document, $"{at}.{name}", problems);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Check(child, additional, document, $"{at}.{name}", problems);
            }
            else
            {
                problems.Add($"{at}: property '{name}' is not in the description");
            }
        }
    }

    private static void CheckString(string text, JsonObject schema, string at, List<string> problems)
    {
        if (schema["enum"] is JsonArray values && !values.Any(v => v!.GetValue<string>() == text))
        {
            problems.Add($"{at}: '{text}' is not one of {string.Join(", ", values)}");
        }

        var format = schema["format"]?.GetValue<string>();
        if (format == "uuid" && !Guid.TryParse(text, out _))
        {
            problems.Add($"{at}: '{text}' is not a uuid");
        }

        if (format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"{at}: '{text}' is not a date-time");
        }
    }
}
