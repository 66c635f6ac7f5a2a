using CrmCadenceSync.Core.Contacts;
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
    /// contact's version (UpdatedAt) moves up to its latest engagement, since that engagement is a change to it.
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
            // Incoming EmailMessages: who sent which message, then which of those messages came in.
            var sent = await QueryEmailAsync(EngagementSoql.SentBy(chunk, since), cancellationToken).ConfigureAwait(false);
            var senderOf = sent
                .Where(r => r.GetString("EmailMessageId") is not null)
                .GroupBy(r => r.GetString("EmailMessageId")!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(r => r.GetString("RelationId")).ToList(), StringComparer.Ordinal);
            foreach (var emails in senderOf.Keys.Chunk(EngagementSoql.IdsPerQuery))
            {
                foreach (var email in await QueryEmailAsync(EngagementSoql.IncomingEmails(emails), cancellationToken).ConfigureAwait(false))
                {
                    var at = email.GetDateTime("MessageDate") ?? email.GetDateTime("CreatedDate");
                    senderOf[email.GetString("Id") ?? ""].ForEach(who => Note(who, e => e.WithReply(at)));
                }
            }

            // Email Tasks logged by an integration; those Enhanced Email made for a message were judged by the message.
            var tasks = EmailTasksCount
                ? await QueryAsync(EngagementSoql.EmailTasks(chunk, since, options.SyncKeyField), cancellationToken).ConfigureAwait(false)
                : [];
            var ofMessages = new HashSet<string>(StringComparer.Ordinal);
            foreach (var taskIds in tasks.Select(t => t.GetString("Id") ?? "").Chunk(EngagementSoql.IdsPerQuery))
            {
                ofMessages.UnionWith((await QueryEmailAsync(EngagementSoql.EmailsOfTasks(taskIds), cancellationToken).ConfigureAwait(false))
                    .Select(m => m.GetString("ActivityId") ?? ""));
            }

            foreach (var task in tasks.Where(t => !ofMessages.Contains(t.GetString("Id") ?? "")))
            {
                Note(task.GetString("WhoId"), e => e.WithReply(task.GetDateTime("CreatedDate")));
            }

            foreach (var meeting in await QueryAsync(EngagementSoql.Meetings(chunk, since), cancellationToken).ConfigureAwait(false))
            {
                Note(meeting.GetString("WhoId"), e => e.WithMeeting(meeting.GetDateTime("CreatedDate")));
            }
        }

        return found;
    }

    /// <summary>A configured field that holds a value wins; the activities fill in only what it left empty.</summary>
    private static Contact Apply(Contact contact, SalesforceEngagement found)
    {
        var replied = contact.LastRepliedAt ?? found.RepliedAt;
        var booked = contact.LastMeetingBookedAt ?? found.MeetingBookedAt;
        var version = new[] { contact.UpdatedAt, found.RepliedAt ?? DateTimeOffset.MinValue, found.MeetingBookedAt ?? DateTimeOffset.MinValue }.Max();
        return contact with { LastRepliedAt = replied, LastMeetingBookedAt = booked, UpdatedAt = version };
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
