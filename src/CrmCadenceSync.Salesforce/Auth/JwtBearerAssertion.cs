using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmCadenceSync.Salesforce.Auth;

/// <summary>The RS256-signed assertion of the OAuth 2.0 JWT bearer flow (iss = consumer key, sub = username, aud = login URL).</summary>
internal static class JwtBearerAssertion
{
    /// <summary>Salesforce allows about three minutes; a short lifetime limits a leaked assertion's use.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    public static string Create(string clientId, string username, Uri loginUrl, string privateKeyPem, DateTimeOffset now)
    {
        var header = Encode(new Dictionary<string, object> { ["alg"] = "RS256" });
        var claims = Encode(new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = username,
            ["aud"] = loginUrl.GetLeftPart(UriPartial.Authority),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        });
        var signingInput = $"{header}.{claims}";
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(Dictionary<string, object> value) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
