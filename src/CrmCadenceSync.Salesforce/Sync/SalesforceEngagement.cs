namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>A Lead's or Contact's latest reply and latest booked meeting found in the org's activity records.</summary>
internal sealed record SalesforceEngagement(DateTimeOffset? RepliedAt, DateTimeOffset? MeetingBookedAt)
{
    public static readonly SalesforceEngagement None = new(null, null);

    public SalesforceEngagement WithReply(DateTimeOffset? at) => at > RepliedAt || RepliedAt is null ? this with { RepliedAt = at } : this;

    public SalesforceEngagement WithMeeting(DateTimeOffset? at) => at > MeetingBookedAt || MeetingBookedAt is null ? this with { MeetingBookedAt = at } : this;
}
