using CrmCadenceSync.Salesforce.Api;

namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>A SOQL query read to its end: the first batch, then queryMore on <c>nextRecordsUrl</c> until done.</summary>
internal static class SalesforceQueryPager
{
    public static async Task<List<SalesforceRecord>> QueryAllAsync(ISalesforceApi api, string apiVersion, string query, CancellationToken cancellationToken)
    {
        var batch = await api.QueryAsync(apiVersion, query, cancellationToken).ConfigureAwait(false);
        var records = new List<SalesforceRecord>(batch.Records);
        while (!batch.Done && batch.NextRecordsUrl is { Length: > 0 } next)
        {
            batch = await api.QueryMoreAsync(apiVersion, next[(next.LastIndexOf('/') + 1)..], cancellationToken).ConfigureAwait(false);
            records.AddRange(batch.Records);
        }

        return records;
    }
}
