using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>Sends webhook batches signed exactly as HubSpot signs them (v3, plus the v1 header HubSpot still adds).</summary>
public sealed class HubSpotWebhookSender(HubSpotSandboxOptions options, HttpClient http)
{
    private static readonly (string Encoded, string Decoded)[] DecodeTable =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"),
        ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    private long nextEventId = 1;

    public SandboxWebhookEvent Event(string subscriptionType, long objectId, string? propertyName = null, string? propertyValue = null) =>
        new(
            Interlocked.Increment(ref nextEventId),
            12345,
            options.PortalId,
            options.AppId,
            options.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            subscriptionType,
            objectId,
            PropertyName: propertyName,
            PropertyValue: propertyValue);

    public async Task<HttpResponseMessage> SendAsync(Uri target, IReadOnlyList<SandboxWebhookEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var body = JsonSerializer.SerializeToUtf8Bytes(events, SandboxJson.Options);
        var timestamp = options.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, target);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-HubSpot-Signature-v3", SignV3(options.WebhookSecret, "POST", target.AbsoluteUri, body, timestamp));
        request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
        request.Headers.Add("X-HubSpot-Signature-Version", "v1");
        request.Headers.Add("X-HubSpot-Signature", Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(options.WebhookSecret), .. body])));
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public static string SignV3(string secret, string method, string uri, byte[] body, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(secret);
        foreach (var (encoded, decoded) in DecodeTable)
        {
            uri = uri.Replace(encoded, decoded, StringComparison.OrdinalIgnoreCase);
        }

        byte[] source = [.. Encoding.UTF8.GetBytes(method + uri), .. body, .. Encoding.UTF8.GetBytes(timestamp)];
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), source));
    }
}
