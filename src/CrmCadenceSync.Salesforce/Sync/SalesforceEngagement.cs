using CrmCadenceSync.Core.Replies;

namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>
/// A Lead's or Contact's latest reply and latest booked meeting found in the org's activity records, and when the
/// newest of those records was created: an email logged late keeps its MessageDate, but is a change from then on.
/// </summary>
/// <param name="Reply">The latest incoming message itself (subject, text, headers), for telling an answer from an auto-reply.</param>
internal sealed record SalesforceEngagement(DateTimeOffset? RepliedAt, DateTimeOffset? MeetingBookedAt, DateTimeOffset? RecordedAt, ReplyMessage? Reply = null)
{
    public static readonly SalesforceEngagement None = new(null, null, null);

    public SalesforceEngagement WithReply(DateTimeOffset? at, DateTimeOffset? recordedAt, ReplyMessage? reply = null) =>
        (at is not null && (RepliedAt is null || at > RepliedAt) ? this with { RepliedAt = at, Reply = reply } : this).Recorded(recordedAt);

    public SalesforceEngagement WithMeeting(DateTimeOffset? at) =>
        (Latest(MeetingBookedAt, at) is var booked && booked == MeetingBookedAt ? this : this with { MeetingBookedAt = booked }).Recorded(at);

    private SalesforceEngagement Recorded(DateTimeOffset? at) => this with { RecordedAt = Latest(RecordedAt, at) };

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;
}
