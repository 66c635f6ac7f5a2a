using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>
/// What a token may do: <c>POST /oauth/v2/private-apps/get/access-token-info</c> (<c>{"tokenKey"}</c>) for the private
/// app token and <c>GET /oauth/v1/access-tokens/{token}</c> for OAuth access tokens, each with the granted scopes.
/// </summary>
internal static class TokenInfoEndpoint
{
    private const string PrivateAppPath = "/oauth/v2/private-apps/get/access-token-info";
    private const string OAuthPrefix = "/oauth/v1/access-tokens/";

    public static bool Matches(string path, string method) =>
        (path == PrivateAppPath && method == "POST") || (path.StartsWith(OAuthPrefix, StringComparison.Ordinal) && method == "GET");

    public static ResponseMessage Handle(HubSpotSandboxOptions options, OAuthEndpoint oauth, IRequestMessage request)
    {
        if (request.Path == PrivateAppPath)
        {
            var key = SandboxRequest.Body(request)?["tokenKey"]?.ToString();
            return key == options.AccessToken
                ? SandboxJson.Json(200, new { userId = 9001, hubId = options.PortalId, appId = options.AppId, scopes = options.Scopes })
                : SandboxJson.Error(401, "INVALID_AUTHENTICATION", "The access token is not a valid private app token.");
        }

        var token = Uri.UnescapeDataString(request.Path[OAuthPrefix.Length..]);
        return token != options.AccessToken && oauth.Accepts(token)
            ? SandboxJson.Json(200, new Dictionary<string, object>
            {
                ["token"] = token,
                ["user"] = "integration@sandbox.example",
                ["hub_domain"] = "sandbox.example",
                ["scopes"] = options.Scopes,
                ["hub_id"] = options.PortalId,
                ["app_id"] = options.AppId,
                ["expires_in"] = 1800,
                ["user_id"] = 9001,
                ["token_type"] = "access",
            })
            : SandboxJson.Error(404, "BAD_ACCESS_TOKEN", "The access token is invalid, expired or was not issued by HubSpot.");
    }
}
