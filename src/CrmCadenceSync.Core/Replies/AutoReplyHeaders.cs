using System.Text.Json;

namespace CrmCadenceSync.Core.Replies;

/// <summary>
/// Reads the headers mail systems set on machine-sent replies (RFC 3834 <c>Auto-Submitted</c>, <c>X-Autoreply</c>,
/// <c>X-Autorespond</c>, <c>Precedence: auto_reply/bulk/junk</c>), from a raw header block or from a JSON object of
/// header names and values.
/// </summary>
public static class AutoReplyHeaders
{
    /// <summary>The header that marks the message as machine-sent ("Auto-Submitted: auto-replied"), or null.</summary>
    public static string? Find(string? headers)
    {
        foreach (var (name, value) in Parse(headers))
        {
            var trimmed = value.Trim();
            var marks = name.ToLowerInvariant() switch
            {
                "auto-submitted" => !trimmed.Equals("no", StringComparison.OrdinalIgnoreCase) && trimmed.Length > 0,
                "x-autoreply" or "x-autorespond" or "x-autoresponder" => !trimmed.Equals("no", StringComparison.OrdinalIgnoreCase),
                "precedence" => trimmed.ToLowerInvariant() is "auto_reply" or "bulk" or "junk",
                _ => false,
            };
            if (marks)
            {
                return $"{name}: {trimmed}";
            }
        }

        return null;
    }

    /// <summary>Header name/value pairs; folded lines are joined. Anything unreadable gives none.</summary>
    public static IEnumerable<(string Name, string Value)> Parse(string? headers)
    {
        if (string.IsNullOrWhiteSpace(headers))
        {
            return [];
        }

        return headers.TrimStart().StartsWith('{') ? FromJson(headers) : FromBlock(headers);
    }

    private static List<(string, string)> FromBlock(string block)
    {
        var found = new List<(string, string)>();
        foreach (var raw in block.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && found.Count > 0)
            {
                var (name, value) = found[^1];
                found[^1] = (name, value + " " + raw.Trim());
                continue;
            }

            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                found.Add((raw[..colon].Trim(), raw[(colon + 1)..].Trim()));
            }
        }

        return found;
    }

    private static List<(string, string)> FromJson(string json)
    {
        var found = new List<(string, string)>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return found;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    found.Add((property.Name, property.Value.GetString() ?? ""));
                }
                else if (property.Value.ValueKind == JsonValueKind.Object && property.Name.Equals("headers", StringComparison.OrdinalIgnoreCase))
                {
                    found.AddRange(property.Value.EnumerateObject()
                        .Where(p => p.Value.ValueKind == JsonValueKind.String)
                        .Select(p => (p.Name, p.Value.GetString() ?? "")));
                }
            }
        }
        catch (JsonException)
        {
            // HubSpot keeps from/to there; a value that is not JSON holds no auto-reply header we could trust.
        }

        return found;
    }
}
