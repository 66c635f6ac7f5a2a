using CrmCadenceSync.HubSpot.Api.Dtos;
using Refit;

namespace CrmCadenceSync.HubSpot.Api;

public interface IHubSpotOAuthApi
{
    /// <summary>The form carries grant_type=refresh_token, client_id, client_secret and refresh_token.</summary>
    [Post("/oauth/{version}/token")]
    Task<IApiResponse<TokenResponse>> RequestTokenAsync(
        string version,
        [Body(BodySerializationMethod.UrlEncoded)] IReadOnlyDictionary<string, string> form,
        CancellationToken cancellationToken);

    /// <summary>A private app token's scopes (the token travels in the body, as HubSpot asks).</summary>
    [Post("/oauth/v2/private-apps/get/access-token-info")]
    Task<HubSpotTokenInfo> GetPrivateAppTokenInfoAsync([Body] PrivateAppTokenKey key, CancellationToken cancellationToken);

    /// <summary>An OAuth access token's scopes.</summary>
    [Get("/oauth/v1/access-tokens/{token}")]
    Task<HubSpotTokenInfo> GetAccessTokenInfoAsync(string token, CancellationToken cancellationToken);
}
