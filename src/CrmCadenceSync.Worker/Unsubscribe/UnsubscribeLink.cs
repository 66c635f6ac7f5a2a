using CrmCadenceSync.Worker.Email;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>The one-click URL and the mailto: address an automated email carries (List-Unsubscribe) and shows in its body.</summary>
public sealed record UnsubscribeLink(Uri Url, string Mailto)
{
    public const string Path = "/unsubscribe";

    /// <summary>The link for <paramref name="email"/>, sent now for <paramref name="enrollmentId"/> on <paramref name="connection"/>.</summary>
    public static UnsubscribeLink For(UnsubscribeTokens tokens, UnsubscribeOptions options, string connection, Guid enrollmentId, EmailSend email, DateTimeOffset now)
    {
        var token = tokens.Create(new UnsubscribeRequest(connection, email.Log.ContactCrmId, enrollmentId, now + options.LinkLifetime));
        var url = new Uri($"{options.BaseUrl.TrimEnd('/')}{Path}/{token}");
        var mailto = string.IsNullOrWhiteSpace(options.MailtoAddress) ? email.FromAddress : options.MailtoAddress;
        return new UnsubscribeLink(url, mailto);
    }

    /// <summary>RFC 2369 / RFC 8058 header value: the HTTPS URL first, then the mailto: with a subject a person or a rule can act on.</summary>
    public string ListUnsubscribeHeader => $"<{Url.AbsoluteUri}>, <mailto:{Mailto}?subject=unsubscribe>";
}
