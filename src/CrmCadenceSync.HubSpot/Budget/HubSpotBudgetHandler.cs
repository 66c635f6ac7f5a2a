using System.Net;
using System.Text.Json;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;

namespace CrmCadenceSync.HubSpot.Budget;

/// <summary>
/// Spends the connection's budget on every attempt (inside the retry), and turns a 429 <c>DAILY</c> into a parked
/// connection instead of a retry. Other 429s go back to the retry strategy, which waits.
/// </summary>
public sealed class HubSpotBudgetHandler(HubSpotRateBudget budget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        budget.Monitor.ThrowIfParked();
        var limiter = IsSearch(request) ? budget.Searches : budget.Requests;
        HttpResponseMessage response;
        using (await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            budget.Record(response.Headers);
            return response;
        }

        budget.CountRateLimited();
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (IsDailyLimit(body))
        {
            var until = budget.NextDailyReset();
            budget.Monitor.Park(until, "HubSpot answered 429 DAILY: the daily API limit is spent");
            response.Dispose();
            throw new CrmParkedException(budget.Monitor.Connection, until, "HubSpot answered 429 DAILY");
        }

        return response;
    }

    private static bool IsSearch(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.EndsWith("/search", StringComparison.Ordinal) == true;

    private static bool IsDailyLimit(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<HubSpotError>(body, HubSpotJson.Options);
            return string.Equals(error?.PolicyName, HubSpotRateLimitHeaders.DailyPolicy, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
