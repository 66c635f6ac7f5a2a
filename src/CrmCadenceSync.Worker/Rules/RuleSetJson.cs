using System.Text.Json;
using System.Text.Json.Serialization;
using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>The stored form of a rule set definition: readable JSON with enum names, stable for comparison.</summary>
internal static class RuleSetJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Reading an admin's JSON: keys in any case, comments and trailing commas allowed, an unknown key refused (a typo
    /// such as <c>MinScor</c> must not silently drop a bound); defaults and case-insensitive dictionaries kept.
    /// </summary>
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static string Serialize(RuleSetDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>Reads a rule set in the configuration's shape (<c>Segments</c>, <c>Cadences</c>, <c>Policies</c>, <c>Roles</c>, <c>Triggers</c>, <c>Pilot</c>).</summary>
    /// <exception cref="FormatException">The JSON is malformed or does not fit the shape; the message names where.</exception>
    public static RuleSetDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RuleSetDefinition>(json, ReadOptions)
                ?? throw new FormatException("The rule set is empty: send a JSON object with Segments and Cadences.");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            throw new FormatException($"The rule set is not valid JSON of the expected shape{where}: {FirstSentence(e.Message)}", e);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
