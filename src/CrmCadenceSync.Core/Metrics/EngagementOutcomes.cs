using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Replies;

namespace CrmCadenceSync.Core.Metrics;

public static class EngagementOutcomes
{
    /// <summary>An engagement up to this long after an enrollment ended still counts for it (a meeting booked after the reply).</summary>
    public static readonly TimeSpan AttributionWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// The outcomes the contact's current state shows for its latest enrollment: a reply or meeting at or after the
    /// enrollment started (and within <see cref="AttributionWindow"/> of its end), and a bounce or opt-out that finds it open.
    /// Recording them is idempotent for the caller: the first of each kind per enrollment is the one kept.
    /// </summary>
    public static IReadOnlyList<(OutcomeKind Kind, DateTimeOffset At)> Detect(Contact contact, Enrollment enrollment)
    {
        var found = new List<(OutcomeKind, DateTimeOffset)>();
        if (Counts(contact.LastRepliedAt, enrollment) is { } replied && !(replied <= enrollment.AutoReplyAt))
        {
            // Machines' replies (out of office, "no longer here") are no replies in the metrics.
            var reply = ReplyClassifier.Classify(contact.LastReply, DateOnly.FromDateTime(replied.UtcDateTime));
            if (reply.CountsAsReply)
            {
                found.Add((OutcomeKind.Replied, replied));
            }

            if (reply.Kind == ReplyKind.Unsubscribe)
            {
                found.Add((OutcomeKind.OptedOut, replied));
            }
        }

        if (Counts(contact.LastMeetingBookedAt, enrollment) is { } booked)
        {
            found.Add((OutcomeKind.MeetingBooked, booked));
        }

        if (enrollment.IsOpen && contact.EmailBounced)
        {
            found.Add((OutcomeKind.Bounced, contact.UpdatedAt));
        }

        if (enrollment.IsOpen && contact.EmailOptOut)
        {
            found.Add((OutcomeKind.OptedOut, contact.UpdatedAt));
        }

        return found;
    }

    private static DateTimeOffset? Counts(DateTimeOffset? at, Enrollment enrollment) =>
        at is { } time && time >= enrollment.EnrolledAt && (enrollment.EndedAt is not { } ended || time <= ended + AttributionWindow) ? time : null;
}
