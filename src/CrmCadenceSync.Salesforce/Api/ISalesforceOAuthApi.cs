using Refit;

namespace CrmCadenceSync.Salesforce.Api;

/// <summary>The OAuth 2.0 token endpoint on the login URL.</summary>
public interface ISalesforceOAuthApi
{
    [Post("/services/oauth2/token")]
    Task<IApiResponse<SalesforceTokenResponse>> RequestTokenAsync(
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);
}
