using System.Runtime.ExceptionServices;
using CrmCadenceSync.Core.Crm;
using Refit;

namespace CrmCadenceSync.Salesforce.Api;

/// <summary>
/// Refit wraps exceptions thrown by message handlers in <see cref="ApiRequestException"/>; the port promises callers
/// <see cref="CrmParkedException"/> and <see cref="CrmReauthorisationRequiredException"/> themselves, so they are unwrapped here.
/// </summary>
internal sealed class UnwrappingSalesforceApi(ISalesforceApi inner) : ISalesforceApi
{
    public Task<SalesforceQueryResult> QueryAsync(string version, string soql, CancellationToken cancellationToken) =>
        Run(() => inner.QueryAsync(version, soql, cancellationToken));

    public Task<SalesforceQueryResult> QueryMoreAsync(string version, string locator, CancellationToken cancellationToken) =>
        Run(() => inner.QueryMoreAsync(version, locator, cancellationToken));

    public Task<SalesforceDeletedResult> GetDeletedAsync(string version, string sObject, string start, string end, CancellationToken cancellationToken) =>
        Run(() => inner.GetDeletedAsync(version, sObject, start, end, cancellationToken));

    public Task<IReadOnlyList<SalesforceSaveResult>> CreateAsync(string version, SalesforceCollectionRequest request, CancellationToken cancellationToken) =>
        Run(() => inner.CreateAsync(version, request, cancellationToken));

    public Task<IReadOnlyList<SalesforceSaveResult>> UpdateAsync(string version, SalesforceCollectionRequest request, CancellationToken cancellationToken) =>
        Run(() => inner.UpdateAsync(version, request, cancellationToken));

    public Task<IReadOnlyList<SalesforceSaveResult>> UpsertAsync(
        string version, string sObject, string externalIdField, SalesforceCollectionRequest request, CancellationToken cancellationToken) =>
        Run(() => inner.UpsertAsync(version, sObject, externalIdField, request, cancellationToken));

    public Task<SalesforceDescribe> DescribeAsync(string version, string sObject, CancellationToken cancellationToken) =>
        Run(() => inner.DescribeAsync(version, sObject, cancellationToken));

    public Task<IReadOnlyDictionary<string, SalesforceLimit>> GetLimitsAsync(string version, CancellationToken cancellationToken) =>
        Run(() => inner.GetLimitsAsync(version, cancellationToken));

    private static async Task<T> Run<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.InnerException is CrmParkedException or CrmReauthorisationRequiredException)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
