namespace CrmCadenceSync.Core.Replies;

/// <summary>The contact's latest incoming email as the CRM keeps it, for telling a person's answer from a machine's.</summary>
/// <param name="ReceivedAt">When the message arrived.</param>
/// <param name="Headers">
/// The raw header block where the CRM keeps it (Salesforce <c>EmailMessage.Headers</c>), or HubSpot's
/// <c>hs_email_headers</c> JSON; null when the CRM keeps none.
/// </param>
/// <param name="Body">The plain-text body; null when the CRM gave none (such a reply counts as a person's).</param>
public sealed record ReplyMessage(DateTimeOffset ReceivedAt, string? Subject, string? Body, string? Headers = null);
