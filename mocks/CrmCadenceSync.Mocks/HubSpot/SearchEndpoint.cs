using System.Globalization;
using System.Text.Json.Nodes;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>
/// POST /crm/objects/{v}/{type}/search with HubSpot's rules: filter groups ORed, filters ANDed, one sort, at most 200 per
/// page, no paging past 10,000 results, and only records that have reached the (lagging) index.
/// </summary>
internal static class SearchEndpoint
{
    public const int MaxResults = 10_000;

    public static ResponseMessage Handle(HubSpotPortal portal, string objectType, IRequestMessage request)
    {
        var body = SandboxRequest.Body(request);
        if (body is not JsonObject search)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: the search request must be a JSON object.");
        }

        var groups = search["filterGroups"] as JsonArray ?? [];
        var filterCount = groups.Sum(g => (g?["filters"] as JsonArray)?.Count ?? 0);
        if (groups.Count > 5 || filterCount > 18 || groups.Any(g => ((g?["filters"] as JsonArray)?.Count ?? 0) > 6))
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Search allows at most 5 filterGroups with up to 6 filters each and 18 filters in total.");
        }

        var sorts = search["sorts"] as JsonArray ?? [];
        if (sorts.Count > 1)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Only one sort is supported.");
        }

        var limit = SandboxRequest.Int(search["limit"]) ?? 10;
        if (limit is < 1 or > 200)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"limit must be between 1 and 200 (got {limit}).");
        }

        var after = SandboxRequest.Int(search["after"]) ?? 0;
        if (after + limit > MaxResults)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Paging beyond 10,000 results is not supported for search.");
        }

        var properties = SandboxRequest.Strings(search["properties"]);
        List<HubSpotRecord> matches;
        lock (portal.Gate)
        {
            var now = portal.Time.GetUtcNow();
            matches = [.. portal.Store(objectType).Values.Where(r => !r.Archived && r.VisibleInSearchAt <= now && Matches(r, groups))];
        }

        var sort = sorts.FirstOrDefault();
        var sortProperty = sort?["propertyName"]?.GetValue<string>();
        var descending = string.Equals(sort?["direction"]?.GetValue<string>(), "DESCENDING", StringComparison.Ordinal);
        IEnumerable<HubSpotRecord> ordered = sortProperty is null
            ? matches.OrderBy(r => r.Id)
            : descending
                ? matches.OrderByDescending(r => Key(r[sortProperty])).ThenBy(ArbitraryTieOrder)
                : matches.OrderBy(r => Key(r[sortProperty])).ThenBy(ArbitraryTieOrder);
        var page = ordered.Skip(after).Take(limit).ToList();
        var next = after + limit < matches.Count ? new { next = new { after = (after + limit).ToString(CultureInfo.InvariantCulture) } } : null;
        return SandboxJson.Json(200, new
        {
            total = matches.Count,
            results = page.Select(r => SandboxJson.Record(r, properties)),
            paging = next,
        });
    }

    /// <summary>HubSpot does not order records that share the sort value; neither does the sandbox (stable, not by id).</summary>
    private static uint ArbitraryTieOrder(HubSpotRecord record) => unchecked((uint)(record.Id * 2654435761L));

    private static bool Matches(HubSpotRecord record, JsonArray groups) =>
        groups.Count == 0 || groups.Any(g => (g?["filters"] as JsonArray ?? []).All(f => f is not null && Matches(record, f)));

    private static bool Matches(HubSpotRecord record, JsonNode filter)
    {
        var property = filter["propertyName"]?.GetValue<string>() ?? "";
        var op = filter["operator"]?.GetValue<string>() ?? "EQ";
        var actual = record[property];
        var value = filter["value"]?.ToString();
        var values = SandboxRequest.Strings(filter["values"]);
        return op switch
        {
            "HAS_PROPERTY" => !string.IsNullOrEmpty(actual),
            "NOT_HAS_PROPERTY" => string.IsNullOrEmpty(actual),
            "IN" => actual is not null && values.Any(v => Compare(actual, v) == 0),
            "NOT_IN" => actual is null || values.All(v => Compare(actual, v) != 0),
            "CONTAINS_TOKEN" => actual?.Contains(value ?? "", StringComparison.OrdinalIgnoreCase) == true,
            _ when actual is null => op == "NEQ",
            "EQ" => Compare(actual, value) == 0,
            "NEQ" => Compare(actual, value) != 0,
            "GT" => Compare(actual, value) > 0,
            "GTE" => Compare(actual, value) >= 0,
            "LT" => Compare(actual, value) < 0,
            "LTE" => Compare(actual, value) <= 0,
            "BETWEEN" => Compare(actual, value) >= 0 && Compare(actual, filter["highValue"]?.ToString()) <= 0,
            _ => false,
        };
    }

    private static int Compare(string actual, string? expected)
    {
        var (a, b) = (Key(actual), Key(expected));
        return a.CompareTo(b);
    }

    /// <summary>Numbers and dates (ISO or epoch ms) compare as numbers; everything else as case-insensitive text.</summary>
    private static SortKey Key(string? value)
    {
        if (value is null)
        {
            return new SortKey(decimal.MinValue, "");
        }

        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return new SortKey(number, "");
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return new SortKey(time.ToUnixTimeMilliseconds(), "");
        }

        return new SortKey(decimal.MaxValue, value.ToUpperInvariant());
    }

    private readonly record struct SortKey(decimal Number, string Text) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var byNumber = Number.CompareTo(other.Number);
            return byNumber != 0 ? byNumber : string.CompareOrdinal(Text, other.Text);
        }
    }
}
