using System.Security.Cryptography;
using System.Text;

namespace CrmCadenceSync.HubSpot.Webhooks;

/// <summary>
/// HubSpot's v3 request signature: base64(HMAC-SHA256(secret, method + decoded URI + body + timestamp)), where the URI
/// has HubSpot's listed percent-encodings decoded and the timestamp is the X-HubSpot-Request-Timestamp header (ms).
/// </summary>
public static class HubSpotSignatureV3
{
    public const string SignatureHeader = "X-HubSpot-Signature-v3";
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    private static readonly (string Encoded, string Decoded)[] DecodeTable =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"),
        ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    public static string Compute(string secret, string method, string uri, ReadOnlySpan<byte> body, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(method.ToUpperInvariant() + DecodeUri(uri));
        var suffix = Encoding.UTF8.GetBytes(timestamp);
        var source = new byte[prefix.Length + body.Length + suffix.Length];
        prefix.CopyTo(source, 0);
        body.CopyTo(source.AsSpan(prefix.Length));
        suffix.CopyTo(source, prefix.Length + body.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), source));
    }

    public static bool Matches(string expected, string? received) =>
        received is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(received.Trim()));

    public static string DecodeUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        foreach (var (encoded, decoded) in DecodeTable)
        {
            uri = uri.Replace(encoded, decoded, StringComparison.OrdinalIgnoreCase);
        }

        return uri;
    }
}
