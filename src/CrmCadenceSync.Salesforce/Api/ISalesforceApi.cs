using Refit;

namespace CrmCadenceSync.Salesforce.Api;

/// <summary>The Salesforce REST resources the connector uses; the base address is rewritten to the token's instance_url.</summary>
public interface ISalesforceApi
{
    [Get("/services/data/{version}/query")]
    Task<SalesforceQueryResult> QueryAsync(string version, [AliasAs("q")] string soql, CancellationToken cancellationToken);

    /// <summary>The next batch of a query: the last segment of <c>nextRecordsUrl</c>.</summary>
    [Get("/services/data/{version}/query/{locator}")]
    Task<SalesforceQueryResult> QueryMoreAsync(string version, string locator, CancellationToken cancellationToken);

    /// <summary>getDeleted; start and end are ISO 8601 UTC times.</summary>
    [Get("/services/data/{version}/sobjects/{sObject}/deleted/")]
    Task<SalesforceDeletedResult> GetDeletedAsync(string version, string sObject, string start, string end, CancellationToken cancellationToken);

    /// <summary>sObject Collections create: at most 200 records, one API call.</summary>
    [Post("/services/data/{version}/composite/sobjects")]
    Task<IReadOnlyList<SalesforceSaveResult>> CreateAsync(string version, [Body] SalesforceCollectionRequest request, CancellationToken cancellationToken);

    /// <summary>sObject Collections update by record id: at most 200 records, one API call.</summary>
    [Patch("/services/data/{version}/composite/sobjects")]
    Task<IReadOnlyList<SalesforceSaveResult>> UpdateAsync(string version, [Body] SalesforceCollectionRequest request, CancellationToken cancellationToken);

    /// <summary>sObject Collections upsert by an external id field: at most 200 records of one type, one API call.</summary>
    [Patch("/services/data/{version}/composite/sobjects/{sObject}/{externalIdField}")]
    Task<IReadOnlyList<SalesforceSaveResult>> UpsertAsync(
        string version, string sObject, string externalIdField, [Body] SalesforceCollectionRequest request, CancellationToken cancellationToken);

    /// <summary>The object's fields as the integration user sees them (field-level security applied).</summary>
    [Get("/services/data/{version}/sobjects/{sObject}/describe")]
    Task<SalesforceDescribe> DescribeAsync(string version, string sObject, CancellationToken cancellationToken);

    [Get("/services/data/{version}/limits")]
    Task<IReadOnlyDictionary<string, SalesforceLimit>> GetLimitsAsync(string version, CancellationToken cancellationToken);
}
