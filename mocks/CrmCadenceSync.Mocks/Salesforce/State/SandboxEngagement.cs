namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>
/// Emails and meetings as an org with Enhanced Email and a calendar integration records them, for tests to seed: an
/// EmailMessage gets one EmailMessageRelation per Lead/Contact/User it names and, as Salesforce does for emails not on
/// a Case, an auto-created Task (TaskSubtype Email) its ActivityId points at.
/// </summary>
public static class SandboxEngagement
{
    /// <summary>
    /// An email from the Lead or Contact to the user, received at <paramref name="at"/> and logged in Salesforce at
    /// <paramref name="loggedAt"/> (default: then), as a rep logging it later from Outlook or Gmail would.
    /// </summary>
    public static SandboxRecord AddIncomingEmail(
        this SalesforceOrgState org, string fromWhoId, string toUserId, DateTimeOffset at, string subject = "Re: our call", DateTimeOffset? loggedAt = null) =>
        AddEmail(org, fromWhoId, toUserId, whoId: fromWhoId, incoming: true, at, subject, loggedAt ?? at);

    /// <summary>
    /// A reply from the Lead or Contact with its own text and, as Enhanced Email keeps them, its raw headers (an
    /// out-of-office carries <c>Auto-Submitted: auto-replied</c>); see <see cref="SandboxReplies"/> for real-looking ones.
    /// </summary>
    public static SandboxRecord AddReply(this SalesforceOrgState org, string fromWhoId, string toUserId, DateTimeOffset at, SandboxReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return AddEmail(org, fromWhoId, toUserId, whoId: fromWhoId, incoming: true, at, reply.Subject, at, reply.Body, reply.Headers);
    }

    /// <summary>An email the user sent to the Lead or Contact at <paramref name="at"/>.</summary>
    public static SandboxRecord AddOutgoingEmail(this SalesforceOrgState org, string fromUserId, string toWhoId, DateTimeOffset at, string subject = "Following up") =>
        AddEmail(org, fromUserId, toWhoId, whoId: toWhoId, incoming: false, at, subject, at);

    /// <summary>A meeting with the Lead or Contact, created (booked) at <paramref name="createdAt"/> for <paramref name="start"/>.</summary>
    public static SandboxRecord AddEvent(this SalesforceOrgState org, string whoId, string ownerId, DateTimeOffset start, DateTimeOffset createdAt, string subject = "Demo") =>
        org.Add(SalesforceOrgState.Event, new Dictionary<string, object?>
        {
            ["WhoId"] = whoId,
            ["OwnerId"] = ownerId,
            ["Subject"] = subject,
            ["StartDateTime"] = start,
            ["EndDateTime"] = start.AddMinutes(30),
            ["ActivityDateTime"] = start,
        }, createdAt);

    /// <summary>An email Task as an email integration logs it (no sync key): Gmail or Outlook logging without Enhanced Email.</summary>
    public static SandboxRecord AddLoggedEmailTask(this SalesforceOrgState org, string whoId, string ownerId, DateTimeOffset at, string subject = "Email: Re: our call") =>
        org.Add(SalesforceOrgState.Task, new Dictionary<string, object?>
        {
            ["WhoId"] = whoId,
            ["OwnerId"] = ownerId,
            ["Subject"] = subject,
            ["Status"] = "Completed",
            ["Priority"] = "Normal",
            ["TaskSubtype"] = "Email",
            ["ActivityDate"] = DateOnly.FromDateTime(at.UtcDateTime),
        }, at);

    private static SandboxRecord AddEmail(
        SalesforceOrgState org, string fromId, string toId, string whoId, bool incoming, DateTimeOffset at, string subject, DateTimeOffset loggedAt,
        string? body = null, string? headers = null)
    {
        var owner = incoming ? toId : fromId;
        var task = org.Add(SalesforceOrgState.Task, new Dictionary<string, object?>
        {
            ["WhoId"] = whoId,
            ["OwnerId"] = owner,
            ["Subject"] = $"Email: {subject}",
            ["Status"] = "Completed",
            ["Priority"] = "Normal",
            ["TaskSubtype"] = "Email",
            ["ActivityDate"] = DateOnly.FromDateTime(at.UtcDateTime),
        }, loggedAt);
        var email = org.Add(SalesforceOrgState.EmailMessage, new Dictionary<string, object?>
        {
            ["Subject"] = subject,
            ["TextBody"] = body ?? (incoming ? "Sounds good, let's talk." : "Checking in."),
            ["Headers"] = headers,
            ["FromAddress"] = Address(org, fromId),
            ["ToAddress"] = null,
            ["Incoming"] = incoming,
            ["MessageDate"] = at,
            // Picklist codes: 0 New (received), 3 Sent.
            ["Status"] = incoming ? "0" : "3",
            ["ActivityId"] = task.Id,
        }, loggedAt);
        AddRelation(org, email.Id, fromId, "FromAddress", loggedAt);
        AddRelation(org, email.Id, toId, "ToAddress", loggedAt);
        return email;
    }

    private static void AddRelation(SalesforceOrgState org, string emailId, string relationId, string type, DateTimeOffset at) =>
        org.Add(SalesforceOrgState.EmailMessageRelation, new Dictionary<string, object?>
        {
            ["EmailMessageId"] = emailId,
            ["RelationId"] = relationId,
            ["RelationType"] = type,
            ["RelationAddress"] = Address(org, relationId),
            ["RelationObjectType"] = org.Find(relationId)?.SObjectType,
        }, at);

    private static string? Address(SalesforceOrgState org, string id) => org.Find(id)?["Email"] as string;
}
