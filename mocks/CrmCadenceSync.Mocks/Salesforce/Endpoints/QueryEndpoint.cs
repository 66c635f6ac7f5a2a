using System.Globalization;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.Soql;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary><c>GET query?q=</c> and <c>GET query/{locator}</c>, with real batches and <c>nextRecordsUrl</c>.</summary>
internal sealed class QueryEndpoint(SalesforceOrgState org)
{
    public SandboxResponse Query(string apiVersion, string? soql, string? queryOptions)
    {
        if (string.IsNullOrWhiteSpace(soql))
        {
            return SandboxResponse.Error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        SoqlQuery query;
        try
        {
            query = SoqlParser.Parse(soql);
        }
        catch (SoqlException ex)
        {
            return SandboxResponse.Error(400, ex.ErrorCode, ex.Message);
        }
        catch (FormatException ex)
        {
            return SandboxResponse.Error(400, "MALFORMED_QUERY", ex.Message);
        }

        if (!SalesforceOrgState.IsKnownType(query.From) || (!org.Options.EnhancedEmail && SalesforceOrgState.IsEmailType(query.From)))
        {
            return SandboxResponse.Error(400, "INVALID_TYPE",
                $"sObject type '{query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        }

        var schema = org.SchemaOf(query.From).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (query.ReferencedFields.FirstOrDefault(f => !schema.Contains(f)) is { } unknown)
        {
            return SandboxResponse.Error(400, "INVALID_FIELD", $"No such column '{unknown}' on entity '{query.From}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
        }

        IEnumerable<SandboxRecord> matches = org.Live(query.From).Where(query.Where);
        if (query.OrderBy.Count > 0)
        {
            var comparer = Comparer<SandboxRecord>.Create((a, b) =>
            {
                foreach (var (field, descending) in query.OrderBy)
                {
                    var order = SoqlValues.CompareForSort(a[field], b[field]);
                    if (order != 0)
                    {
                        return descending ? -order : order;
                    }
                }

                return 0;
            });
            matches = matches.Order(comparer);
        }

        var results = (query.Limit is { } limit ? matches.Take(limit) : matches).ToList();
        return Batch(apiVersion, results, results.Count, query.Fields, BatchSize(queryOptions));
    }

    public SandboxResponse More(string apiVersion, string locator) =>
        org.TakeCursor(locator) is { } cursor
            ? Batch(apiVersion, cursor.Remaining, cursor.TotalSize, cursor.Fields, cursor.BatchSize)
            : SandboxResponse.Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");

    private SandboxResponse Batch(string apiVersion, List<SandboxRecord> records, int total, IReadOnlyList<string> fields, int batchSize)
    {
        var next = records.Count > batchSize
            ? $"/services/data/{apiVersion}/query/{org.OpenCursor(new QueryCursor(records[batchSize..], total, batchSize, fields))}"
            : null;
        return SandboxResponse.Json(200, new JsonObject
        {
            ["totalSize"] = total,
            ["done"] = next is null,
            ["nextRecordsUrl"] = next,
            ["records"] = new JsonArray([.. records.Take(batchSize).Select(r => SandboxJson.Record(r, fields, apiVersion))]),
        });
    }

    /// <summary>Honours <c>Sforce-Query-Options: batchSize=n</c> within Salesforce's 200–2,000 range.</summary>
    private int BatchSize(string? queryOptions)
    {
        const string prefix = "batchSize=";
        var requested = queryOptions?.Split(',', StringSplitOptions.TrimEntries).FirstOrDefault(o => o.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        return requested is not null && int.TryParse(requested[prefix.Length..], CultureInfo.InvariantCulture, out var size)
            ? Math.Clamp(size, 200, 2000)
            : org.Options.QueryBatchSize;
    }
}
