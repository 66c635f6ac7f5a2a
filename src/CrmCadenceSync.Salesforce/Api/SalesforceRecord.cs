using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmCadenceSync.Salesforce.Api;

/// <summary>A queried record: its type and every selected field as returned.</summary>
public sealed record SalesforceRecord
{
    public SalesforceRecordAttributes? Attributes { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}
