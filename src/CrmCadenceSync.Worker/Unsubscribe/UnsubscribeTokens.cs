using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>
/// Signed, expiring unsubscribe tokens: base64url(connection, contact, enrollment, expiry) "." base64url(HMAC-SHA256).
/// No login is needed, and no one can forge a token for another contact or stretch its expiry without the key.
/// </summary>
public sealed class UnsubscribeTokens(IOptions<UnsubscribeOptions> options)
{
    private const char Separator = '\n';

    public string Create(UnsubscribeRequest request)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join(
            Separator,
            request.Connection,
            request.ContactCrmId,
            request.EnrollmentId.ToString("N"),
            request.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return $"{Base64Url(payload)}.{Base64Url(Sign(payload))}";
    }

    /// <summary>The request a token names, or why it is refused (the reason is shown to the person who followed it).</summary>
    public (UnsubscribeRequest? Request, string? Refusal) Read(string? token, DateTimeOffset now)
    {
        const string broken = "This unsubscribe link is incomplete or was changed. Use the link from the email itself, or reply to the email and ask to be removed.";
        var parts = (token ?? "").Split('.');
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } payload || FromBase64Url(parts[1]) is not { } mac)
        {
            return (null, broken);
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Sign(payload)))
        {
            return (null, broken);
        }

        var fields = Encoding.UTF8.GetString(payload).Split(Separator);
        if (fields.Length != 4
            || !Guid.TryParseExact(fields[2], "N", out var enrollment)
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return (null, broken);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiry);
        return expiresAt <= now
            ? (null, $"This unsubscribe link expired on {expiresAt:yyyy-MM-dd}. Reply to the email and ask to be removed, or use the link in a newer email.")
            : (new UnsubscribeRequest(fields[0], fields[1], enrollment, expiresAt), null);
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SigningKey), payload);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || text.Length > 2048)
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
