using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmCadenceSync.Worker.Triggers;

/// <summary>
/// How another system signs a trigger call: <c>X-CCS-Timestamp</c> (Unix seconds) and
/// <c>X-CCS-Signature: sha256=&lt;hex HMAC-SHA256 of "{timestamp}.{body}" with the trigger's secret&gt;</c>.
/// Compared in constant time; a timestamp more than five minutes off is refused, so a captured call cannot be replayed later.
/// </summary>
public static class TriggerSignature
{
    public const string TimestampHeader = "X-CCS-Timestamp";
    public const string SignatureHeader = "X-CCS-Signature";

    private const string Scheme = "sha256=";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <returns>Null when the call is authentic, else why it is not.</returns>
    public static string? Problem(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"{TimestampHeader} is missing or not Unix seconds.";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return $"{TimestampHeader} is more than five minutes away from now.";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        var given = Encoding.ASCII.GetBytes(signature ?? "");
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : $"{SignatureHeader} does not match the body.";
    }
}
