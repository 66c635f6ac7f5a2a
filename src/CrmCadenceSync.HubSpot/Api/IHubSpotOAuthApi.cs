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
}
