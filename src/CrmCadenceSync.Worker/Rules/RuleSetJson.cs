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

    public static string Serialize(RuleSetDefinition definition) => JsonSerializer.Serialize(definition, Options);
}
