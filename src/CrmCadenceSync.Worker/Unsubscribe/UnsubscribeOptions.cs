namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>
/// One-click unsubscribe (RFC 8058) for automated emails: where the links point, the key that signs them, how long a
/// link works. Required once an SMTP relay is configured; checked at start-up.
/// </summary>
public sealed class UnsubscribeOptions
{
    public const string SectionName = "Unsubscribe";

    /// <summary>This worker's public address as recipients reach it, e.g. https://cadences.example.com (HTTPS; plain HTTP only on loopback).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The HMAC key that signs unsubscribe links (at least 32 characters); a secret, like a connection's token.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>How long a link keeps working after its email is sent.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// The address of the List-Unsubscribe <c>mailto:</c>. Empty: the sending rep's own address, where the CRM's inbox
    /// sync shows the request to the rep. This worker reads no mailbox; the HTTPS link is the one-click path.
    /// </summary>
    public string MailtoAddress { get; set; } = "";
}
