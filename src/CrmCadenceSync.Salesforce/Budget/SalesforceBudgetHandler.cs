using System.Net;
using CrmCadenceSync.Salesforce.Auth;
using CrmCadenceSync.Salesforce.Errors;

namespace CrmCadenceSync.Salesforce.Budget;

/// <summary>
/// Checks the budget before each call, records <c>Sforce-Limit-Info</c> from each answer, and turns
/// REQUEST_LIMIT_EXCEEDED into a park: retrying would only spend more of a spent allowance.
/// </summary>
internal sealed class SalesforceBudgetHandler(SalesforceApiBudget budget, SalesforceConnectionHealth health) : DelegatingHandler
{
    public const string LimitInfoHeader = "Sforce-Limit-Info";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        budget.EnsureAvailable();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues(LimitInfoHeader, out var values))
        {
            budget.Observe(values.FirstOrDefault());
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var errors = SalesforceErrors.Parse(body);
            if (SalesforceErrors.Contains(errors, SalesforceErrors.RequestLimitExceeded))
            {
                response.Dispose();
                throw budget.LimitExceeded(SalesforceErrors.Describe(errors));
            }
        }
        else if (response.IsSuccessStatusCode)
        {
            health.MarkHealthy();
        }

        return response;
    }
}
