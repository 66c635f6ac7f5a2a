using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Mapping;

namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>
/// Replies and meetings from activity records, for orgs without reply or meeting date fields: an incoming
/// EmailMessage from the person, an email Task an email integration logged on them (not ours, not one Enhanced Email
/// made for an EmailMessage, which the message itself decides), and Events on them by CreatedDate. A few batched
/// queries per 200 contacts, through the connection's API client and so its resilience pipeline and budget.
/// </summary>
internal sealed class SalesforceEngagementReader(SalesforceConnectionOptions options, ISalesforceApi api, TimeProvider time)
{
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
        foreach (var (query, field) in new[]
        {
            (EngagementSoql.NewSenders(since), "RelationId"),
            (EngagementSoql.NewEmailTasks(since, options.SyncKeyField), "WhoId"),
            (EngagementSoql.NewMeetings(since), "WhoId"),
        })
        {
            foreach (var record in await QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if (record.GetString(field) is { } id && IsPerson(id))
                {
                    who.Add(id);
                }
            }
        }

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
            var sent = await QueryAsync(EngagementSoql.SentBy(chunk, since), cancellationToken).ConfigureAwait(false);
            var senderOf = sent
                .Where(r => r.GetString("EmailMessageId") is not null)
                .GroupBy(r => r.GetString("EmailMessageId")!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(r => r.GetString("RelationId")).ToList(), StringComparer.Ordinal);
            foreach (var emails in senderOf.Keys.Chunk(EngagementSoql.IdsPerQuery))
            {
                foreach (var email in await QueryAsync(EngagementSoql.IncomingEmails(emails), cancellationToken).ConfigureAwait(false))
                {
                    var at = email.GetDateTime("MessageDate") ?? email.GetDateTime("CreatedDate");
                    senderOf[email.GetString("Id") ?? ""].ForEach(who => Note(who, e => e.WithReply(at)));
                }
            }

            // Email Tasks logged by an integration; those Enhanced Email made for a message were judged by the message.
            var tasks = await QueryAsync(EngagementSoql.EmailTasks(chunk, since, options.SyncKeyField), cancellationToken).ConfigureAwait(false);
            var ofMessages = new HashSet<string>(StringComparer.Ordinal);
            foreach (var taskIds in tasks.Select(t => t.GetString("Id") ?? "").Chunk(EngagementSoql.IdsPerQuery))
            {
                ofMessages.UnionWith((await QueryAsync(EngagementSoql.EmailsOfTasks(taskIds), cancellationToken).ConfigureAwait(false))
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

    private Task<List<SalesforceRecord>> QueryAsync(string query, CancellationToken cancellationToken) =>
        SalesforceQueryPager.QueryAllAsync(api, options.ApiVersion, query, cancellationToken);

    private static bool IsPerson(string id) =>
        id.StartsWith(SalesforceObjects.LeadIdPrefix, StringComparison.Ordinal) || id.StartsWith(SalesforceObjects.ContactIdPrefix, StringComparison.Ordinal);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
