using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary><c>POST /services/oauth2/token</c>: client credentials and JWT bearer grants.</summary>
internal sealed class TokenEndpoint(SalesforceOrgState org)
{
    public SandboxResponse Handle(string? body, Uri instanceUrl)
    {
        var form = HttpUtility.ParseQueryString(body ?? "");
        lock (org.Gate)
        {
            org.CountTokenRequest();
            if (org.GrantsRevoked)
            {
                return OAuthError("invalid_grant", "expired access/refresh token");
            }

            var options = org.Options;
            var refusal = form["grant_type"] switch
            {
                "client_credentials" when form["client_id"] == options.ClientId && form["client_secret"] == options.ClientSecret => null,
                "client_credentials" => ("invalid_client", "invalid client credentials"),
                "urn:ietf:params:oauth:grant-type:jwt-bearer" => CheckAssertion(form["assertion"], instanceUrl),
                var other => ("unsupported_grant_type", $"grant type not supported: {other}"),
            };
            if (refusal is { } r)
            {
                return OAuthError(r.Item1, r.Item2);
            }

            var user = org.Live(SalesforceOrgState.User)[0];
            return SandboxResponse.Json(200, new JsonObject
            {
                ["access_token"] = org.IssueSession(),
                ["instance_url"] = instanceUrl.GetLeftPart(UriPartial.Authority),
                ["id"] = $"{instanceUrl.GetLeftPart(UriPartial.Authority)}/id/{options.OrganizationId}/{user.Id}",
                ["token_type"] = "Bearer",
                ["issued_at"] = org.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["signature"] = "sandbox",
            });
        }
    }

    private (string, string)? CheckAssertion(string? assertion, Uri instanceUrl)
    {
        var options = org.Options;
        var parts = assertion?.Split('.') ?? [];
        if (parts.Length != 3 || options.JwtPublicKeyPem is null)
        {
            return ("invalid_grant", "invalid assertion");
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(options.JwtPublicKeyPem);
        var signed = rsa.VerifyData(
            Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!signed)
        {
            return ("invalid_grant", "invalid assertion signature");
        }

        using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
        using var claims = JsonDocument.Parse(Base64UrlDecode(parts[1]));
        var root = claims.RootElement;
        string? Claim(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var audiences = new[] { instanceUrl.GetLeftPart(UriPartial.Authority), "https://login.salesforce.com", "https://test.salesforce.com" };
        return header.RootElement.GetProperty("alg").GetString() != "RS256" ? ("invalid_grant", "algorithm must be RS256")
            : Claim("iss") != options.ClientId ? ("invalid_client_id", "client identifier invalid")
            : Claim("sub") != options.Username ? ("invalid_grant", "user hasn't approved this consumer")
            : !audiences.Contains(Claim("aud")) ? ("invalid_grant", "audience is invalid")
            : !root.TryGetProperty("exp", out var exp) || exp.GetInt64() < org.Time.GetUtcNow().ToUnixTimeSeconds() ? ("invalid_grant", "expired authorization code")
            : null;
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static SandboxResponse OAuthError(string error, string description) =>
        SandboxResponse.Json(400, new JsonObject { ["error"] = error, ["error_description"] = description });
}
