using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Replies;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Errors;
using CrmCadenceSync.Salesforce.Mapping;
using Microsoft.Extensions.Logging;
using Refit;

namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>
/// Replies and meetings from activity records, for orgs without reply or meeting date fields: an incoming
/// EmailMessage from the person, an email Task an email integration logged on them (not ours, not one Enhanced Email
/// made for an EmailMessage, which the message itself decides), and Events on them by CreatedDate. A few batched
/// queries per 200 contacts, through the connection's API client and so its resilience pipeline and budget. An org
/// without EmailMessage (no Enhanced Email, no Email-to-Case) is told once and read for Tasks and Events only.
/// </summary>
internal sealed partial class SalesforceEngagementReader(
    string connection, SalesforceConnectionOptions options, ISalesforceApi api, TimeProvider time, ILogger logger)
{
    private volatile bool noEmailMessages;

    public bool Enabled => options.EngagementFromActivities;

    /// <summary>
    /// The contacts with their reply and meeting times filled in where the configured fields left them empty; the
    /// contact's version (UpdatedAt) moves up to when its newest engagement record was created, since that is a change
    /// to it (and a version the inbox has not seen).
    /// </summary>
    public async Task<IReadOnlyList<Contact>> ApplyAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return contacts;
        }

        var ids = contacts.Where(c => !c.IsDeleted).Select(c => c.CrmId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return contacts;
        }

        var found = await ReadAsync(ids, cancellationToken).ConfigureAwait(false);
        return [.. contacts.Select(c => found.TryGetValue(c.CrmId, out var e) ? Apply(c, e) : c)];
    }

    /// <summary>The Leads and Contacts that have an email, email Task or Event recorded since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyCollection<string>> FindEngagedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return [];
        }

        since = Later(since, time.GetUtcNow() - options.EngagementLookback);
        var who = new HashSet<string>(StringComparer.Ordinal);
        void Add(IEnumerable<SalesforceRecord> records, string field) =>
            who.UnionWith(records.Select(r => r.GetString(field)).OfType<string>().Where(IsPerson));

        // Senders first: an org without EmailMessage says so here, which decides whether email Tasks count.
        Add(await QueryEmailAsync(EngagementSoql.NewSenders(since), cancellationToken).ConfigureAwait(false), "RelationId");
        if (EmailTasksCount)
        {
            Add(await QueryAsync(EngagementSoql.NewEmailTasks(since, options.SyncKeyField), cancellationToken).ConfigureAwait(false), "WhoId");
        }

        Add(await QueryAsync(EngagementSoql.NewMeetings(since), cancellationToken).ConfigureAwait(false), "WhoId");
        return who;
    }

    private async Task<Dictionary<string, SalesforceEngagement>> ReadAsync(List<string> whoIds, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.EngagementLookback;
        var found = new Dictionary<string, SalesforceEngagement>(StringComparer.Ordinal);
        void Note(string? who, Func<SalesforceEngagement, SalesforceEngagement> change)
        {
            if (who is not null)
            {
                found[who] = change(found.GetValueOrDefault(who) ?? SalesforceEngagement.None);
            }
        }

        foreach (var chunk in whoIds.Chunk(EngagementSoql.IdsPerQuery))
        {
            foreach (var (who, at, recorded, reply) in await IncomingEmailsAsync(chunk, since, cancellationToken).ConfigureAwait(false))
            {
                Note(who, e => e.WithReply(at, recorded, reply));
            }

            foreach (var task in await EmailTasksAsync(chunk, since, cancellationToken).ConfigureAwait(false))
            {
                var at = task.GetDateTime("CreatedDate");
                var reply = at is { } logged ? new ReplyMessage(logged, task.GetString("Subject"), task.GetString("Description")) : null;
                Note(task.GetString("WhoId"), e => e.WithReply(at, at, reply));
            }

            foreach (var meeting in await QueryAsync(EngagementSoql.Meetings(chunk, since), cancellationToken).ConfigureAwait(false))
            {
                Note(meeting.GetString("WhoId"), e => e.WithMeeting(meeting.GetDateTime("CreatedDate")));
            }
        }

        return found;
    }

    /// <summary>Who sent which message, then which of those messages came in: (sender, MessageDate, CreatedDate, the message).</summary>
    private async Task<List<(string? Who, DateTimeOffset? At, DateTimeOffset? Recorded, ReplyMessage? Reply)>> IncomingEmailsAsync(
        string[] whoIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sent = await QueryEmailAsync(EngagementSoql.SentBy(whoIds, since), cancellationToken).ConfigureAwait(false);
        var senders = sent
            .Where(r => r.GetString("EmailMessageId") is not null)
            .ToLookup(r => r.GetString("EmailMessageId")!, r => r.GetString("RelationId"), StringComparer.Ordinal);
        var replies = new List<(string?, DateTimeOffset?, DateTimeOffset?, ReplyMessage?)>();
        foreach (var emails in senders.Select(g => g.Key).Chunk(EngagementSoql.IdsPerQuery))
        {
            foreach (var email in await QueryEmailAsync(EngagementSoql.IncomingEmails(emails), cancellationToken).ConfigureAwait(false))
            {
                var recorded = email.GetDateTime("CreatedDate");
                var at = email.GetDateTime("MessageDate") ?? recorded;
                var reply = at is { } received
                    ? new ReplyMessage(received, email.GetString("Subject"), email.GetString("TextBody"), email.GetString("Headers"))
                    : null;
                replies.AddRange(senders[email.GetString("Id") ?? ""].Select(who => (who, at, recorded, reply)));
            }
        }

        return replies;
    }

    /// <summary>
    /// Email Tasks on the people that we did not write, when they count (see <see cref="EmailTasksCount"/>); those
    /// Enhanced Email made for a message are left out, as the message decides.
    /// </summary>
    private async Task<List<SalesforceRecord>> EmailTasksAsync(string[] whoIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (!EmailTasksCount)
        {
            return [];
        }

        var tasks = await QueryAsync(EngagementSoql.EmailTasks(whoIds, since, options.SyncKeyField), cancellationToken).ConfigureAwait(false);
        var ofMessages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var taskIds in tasks.Select(t => t.GetString("Id") ?? "").Chunk(EngagementSoql.IdsPerQuery))
        {
            ofMessages.UnionWith((await QueryEmailAsync(EngagementSoql.EmailsOfTasks(taskIds), cancellationToken).ConfigureAwait(false))
                .Select(m => m.GetString("ActivityId") ?? ""));
        }

        return [.. tasks.Where(t => !ofMessages.Contains(t.GetString("Id") ?? ""))];
    }

    /// <summary>A configured field that holds a value wins; the activities fill in only what it left empty.</summary>
    private static Contact Apply(Contact contact, SalesforceEngagement found)
    {
        var replied = contact.LastRepliedAt ?? found.RepliedAt;
        var booked = contact.LastMeetingBookedAt ?? found.MeetingBookedAt;
        var version = found.RecordedAt > contact.UpdatedAt ? found.RecordedAt.Value : contact.UpdatedAt;
        return contact with { LastRepliedAt = replied, LastMeetingBookedAt = booked, UpdatedAt = version, LastReply = found.Reply ?? contact.LastReply };
    }

    /// <summary>Asked after the org has been asked for EmailMessages, so an org without them is known by then.</summary>
    private bool EmailTasksCount => options.EmailTaskReplies switch
    {
        SalesforceEmailTaskReplies.Always => true,
        SalesforceEmailTaskReplies.WithoutEnhancedEmail => noEmailMessages,
        _ => false,
    };

    /// <summary>A query on EmailMessage or EmailMessageRelation; none once the org has said it lacks them.</summary>
    private async Task<List<SalesforceRecord>> QueryEmailAsync(string query, CancellationToken cancellationToken)
    {
        if (noEmailMessages)
        {
            return [];
        }

        try
        {
            return await QueryAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest
            && SalesforceErrors.Contains(SalesforceErrors.Parse(ex.Content), SalesforceErrors.InvalidType))
        {
            noEmailMessages = true;
            LogNoEmailMessages(connection, SalesforceConnectionOptions.SectionName, ex);
            return [];
        }
    }

    private Task<List<SalesforceRecord>> QueryAsync(string query, CancellationToken cancellationToken) =>
        SalesforceQueryPager.QueryAllAsync(api, options.ApiVersion, query, cancellationToken);

    private static bool IsPerson(string id) =>
        id.StartsWith(SalesforceObjects.LeadIdPrefix, StringComparison.Ordinal) || id.StartsWith(SalesforceObjects.ContactIdPrefix, StringComparison.Ordinal);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Salesforce connection '{Connection}': the org has no EmailMessage object (Enhanced Email is off, or the integration user cannot read it); replies are read from email Tasks only. Turn on Enhanced Email in Setup, or set {Section}:{Connection}:FieldMapping:LastRepliedAtField to a reply date field")]
    private partial void LogNoEmailMessages(string connection, string section, Exception exception);
}
