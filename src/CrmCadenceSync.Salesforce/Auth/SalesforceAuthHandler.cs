using System.Net;
using System.Net.Http.Headers;
using CrmCadenceSync.Salesforce.Errors;

namespace CrmCadenceSync.Salesforce.Auth;

/// <summary>
/// Sends each REST call to the session's instance_url with its bearer token; on 401 INVALID_SESSION_ID it refreshes
/// the session once and sends the call again.
/// </summary>
internal sealed class SalesforceAuthHandler(SalesforceTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        Apply(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!SalesforceErrors.Contains(SalesforceErrors.Parse(body), SalesforceErrors.InvalidSessionId))
        {
            return response;
        }

        response.Dispose();
        var refreshed = await tokens.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        Apply(request, refreshed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(HttpRequestMessage request, SalesforceAccessToken token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(token.InstanceUrl, uri.PathAndQuery);
        }
    }
}
