using CrmCadenceSync.Salesforce.Mapping;

namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>
/// The SOQL that reads replies and meetings from activity records. Every query filters on indexed fields
/// (ids, lookups, CreatedDate) and takes at most <see cref="IdsPerQuery"/> ids, so a query stays far below the SOQL
/// length limit and the request URI stays short.
/// </summary>
internal static class EngagementSoql
{
    public const int IdsPerQuery = 200;

    /// <summary>Emails the Leads or Contacts sent: Enhanced Email relates the sender to the message as FromAddress.</summary>
    public static string SentBy(IEnumerable<string> whoIds, DateTimeOffset since) =>
        $"SELECT EmailMessageId, RelationId FROM EmailMessageRelation WHERE RelationType = 'FromAddress' AND RelationId IN ({List(whoIds)}) AND CreatedDate >= {At(since)}";

    /// <summary>
    /// The incoming ones among those emails. Emails on a Case (Email-to-Case, ParentId set) are support mail, not a
    /// reply to a sales cadence.
    /// </summary>
    public static string IncomingEmails(IEnumerable<string> emailIds) =>
        $"SELECT Id, MessageDate, CreatedDate, Subject, TextBody, Headers FROM EmailMessage WHERE Incoming = true AND ParentId = null AND Id IN ({List(emailIds)})";

    /// <summary>Email Tasks on the Leads or Contacts that we did not write (ours carry the sync key).</summary>
    public static string EmailTasks(IEnumerable<string> whoIds, DateTimeOffset since, string syncKeyField) =>
        $"SELECT Id, WhoId, CreatedDate, Subject, Description FROM Task WHERE TaskSubtype = 'Email' AND WhoId IN ({List(whoIds)}) AND CreatedDate >= {At(since)} AND {syncKeyField} = null";

    /// <summary>Which of those Tasks Enhanced Email created for an EmailMessage; the message says whether it came in.</summary>
    public static string EmailsOfTasks(IEnumerable<string> taskIds) =>
        $"SELECT ActivityId FROM EmailMessage WHERE ActivityId IN ({List(taskIds)})";

    /// <summary>Events on the Leads or Contacts; their CreatedDate is when the meeting was booked.</summary>
    public static string Meetings(IEnumerable<string> whoIds, DateTimeOffset since) =>
        $"SELECT WhoId, CreatedDate FROM Event WHERE WhoId IN ({List(whoIds)}) AND CreatedDate >= {At(since)}";

    /// <summary>Senders of emails recorded since; users are among them and are left out by the caller.</summary>
    public static string NewSenders(DateTimeOffset since) =>
        $"SELECT RelationId FROM EmailMessageRelation WHERE RelationType = 'FromAddress' AND CreatedDate >= {At(since)}";

    public static string NewEmailTasks(DateTimeOffset since, string syncKeyField) =>
        $"SELECT WhoId FROM Task WHERE TaskSubtype = 'Email' AND WhoId != null AND CreatedDate >= {At(since)} AND {syncKeyField} = null";

    public static string NewMeetings(DateTimeOffset since) =>
        $"SELECT WhoId FROM Event WHERE WhoId != null AND CreatedDate >= {At(since)}";

    private static string At(DateTimeOffset value) => SalesforceRecordValues.ToSoqlDateTime(value);

    private static string List(IEnumerable<string> ids) =>
        string.Join(", ", ids.Select(id => $"'{id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'"));
}
