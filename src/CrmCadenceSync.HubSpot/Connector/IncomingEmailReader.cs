using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Replies;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Mapping;
using CrmCadenceSync.HubSpot.Options;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>
/// The reply itself for contacts whose reply date is recent: the latest incoming email engagement
/// (<c>hs_email_direction</c> INCOMING_EMAIL) associated with the contact, with its subject, text and
/// <c>hs_email_headers</c>. Two batch calls per 100 such contacts (associations, then the emails); contacts without a
/// recent reply cost nothing.
/// </summary>
internal sealed class IncomingEmailReader(IHubSpotCrmApi api, Func<HubSpotConnectionOptions> options, TimeProvider time)
{
    /// <summary>A reply older than this was handled when it came; its text is not read again.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(30);

    private const int BatchSize = 100;
    private const string Incoming = "INCOMING_EMAIL";

    private static readonly string[] EmailProperties = ["hs_email_direction", "hs_email_subject", "hs_email_text", "hs_email_headers", "hs_timestamp"];

    /// <summary>Set once HubSpot refuses to show emails (the token lacks the email scopes): replies then count as a person's.</summary>
    private volatile bool forbidden;

    public async Task<IReadOnlyList<Contact>> ApplyAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        if (forbidden)
        {
            return contacts;
        }

        try
        {
            return await ReadAsync(contacts, cancellationToken).ConfigureAwait(false);
        }
        catch (Refit.ApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            // Contacts must still sync: without the reply's text a reply ends the cadence, as it always did.
            forbidden = true;
            return contacts;
        }
    }

    private async Task<IReadOnlyList<Contact>> ReadAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - Lookback;
        var replied = contacts.Where(c => !c.IsDeleted && c.LastRepliedAt >= since).Select(c => c.CrmId).Distinct(StringComparer.Ordinal).ToList();
        if (replied.Count == 0)
        {
            return contacts;
        }

        var version = options().ApiVersion;
        var emailsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in replied.Chunk(BatchSize))
        {
            var associations = await api.BatchReadAssociationsAsync(
                version, HubSpotObjectTypes.Contacts, HubSpotObjectTypes.Emails, new([.. chunk.Select(id => new ObjectIdInput(id))]), cancellationToken)
                .Unwrapped().ConfigureAwait(false);
            foreach (var result in associations.Results)
            {
                emailsOf[result.From.Id] = [.. result.To.Select(t => t.ToObjectId.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            }
        }

        var emails = new Dictionary<string, HubSpotObject>(StringComparer.Ordinal);
        foreach (var chunk in emailsOf.Values.SelectMany(e => e).Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            BatchReadRequest request = new([.. chunk.Select(id => new ObjectIdInput(id))], EmailProperties);
            var batch = await api.BatchReadAsync(version, HubSpotObjectTypes.Emails, request, false, cancellationToken).Unwrapped().ConfigureAwait(false);
            foreach (var email in batch.Results.Where(e => HubSpotValues.Text(e, "hs_email_direction") == Incoming))
            {
                emails[email.Id] = email;
            }
        }

        return [.. contacts.Select(c => Latest(emailsOf.GetValueOrDefault(c.CrmId), emails) is { } reply ? c with { LastReply = reply } : c)];
    }

    private static ReplyMessage? Latest(List<string>? ids, Dictionary<string, HubSpotObject> emails)
    {
        var incoming = (ids ?? [])
            .Select(id => emails.GetValueOrDefault(id))
            .OfType<HubSpotObject>()
            .Select(e => (Email: e, At: HubSpotValues.Time(e, "hs_timestamp") ?? e.CreatedAt))
            .Where(e => e.At is not null)
            .ToList();
        if (incoming.Count == 0)
        {
            return null;
        }

        var (email, at) = incoming.MaxBy(e => e.At);
        return new ReplyMessage(at!.Value, HubSpotValues.Text(email, "hs_email_subject"), HubSpotValues.Text(email, "hs_email_text"), HubSpotValues.Text(email, "hs_email_headers"));
    }
}
