using System.Web;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>POST /oauth/{v}/token (refresh_token grant) and the bearer tokens it issues; errors follow RFC 6749.</summary>
internal sealed class OAuthEndpoint(HubSpotSandboxOptions options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> issued = new(StringComparer.Ordinal);
    private bool revoked;
    private string refreshToken = options.RefreshToken;

    public int Refreshes { get; private set; }

    public void Revoke()
    {
        lock (gate)
        {
            // Access tokens already issued keep working until they expire, as HubSpot's do.
            revoked = true;
        }
    }

    /// <summary>An admin re-authorised the app: a new refresh token is valid from now on.</summary>
    public void Reauthorise(string newRefreshToken)
    {
        lock (gate)
        {
            revoked = false;
            refreshToken = newRefreshToken;
        }
    }

    public bool Accepts(string? bearer)
    {
        if (bearer is null)
        {
            return false;
        }

        if (bearer == options.AccessToken)
        {
            return true;
        }

        lock (gate)
        {
            return issued.TryGetValue(bearer, out var expires) && expires > options.Time.GetUtcNow();
        }
    }

    public ResponseMessage Token(IRequestMessage request)
    {
        var form = HttpUtility.ParseQueryString(request.Body ?? "");
        lock (gate)
        {
            Refreshes++;
            if (form["client_id"] != options.ClientId || form["client_secret"] != options.ClientSecret)
            {
                return SandboxJson.Json(400, new { error = "invalid_client", error_description = "client_id or client_secret is wrong", status = "BAD_CLIENT_ID" });
            }

            if (form["grant_type"] != "refresh_token" || revoked || form["refresh_token"] != refreshToken)
            {
                return SandboxJson.Json(400, new
                {
                    error = "invalid_grant",
                    error_description = "refresh token is invalid, expired or revoked",
                    status = "BAD_REFRESH_TOKEN",
                });
            }

            var token = $"sandbox-access-{Guid.NewGuid():N}";
            issued[token] = options.Time.GetUtcNow().AddSeconds(1800);
            return SandboxJson.Json(200, new Dictionary<string, object>
            {
                ["access_token"] = token,
                ["refresh_token"] = refreshToken,
                ["expires_in"] = 1800,
                ["token_type"] = "bearer",
            });
        }
    }
}
