namespace CrmCadenceSync.Worker.Email;

/// <summary>
/// Per mailbox (sender address): a minimum spacing between two automated emails and a cap per rolling hour. Fed with
/// every send that may have left (sent, or delivery unknown) in the last hour, it says when a mailbox may send next.
/// </summary>
public sealed class MailboxPace(TimeSpan spacing, int hourlyCap)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Dictionary<string, List<DateTimeOffset>> sends = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a send that may have reached the relay.</summary>
    public void Sent(string mailbox, DateTimeOffset at)
    {
        if (!sends.TryGetValue(mailbox, out var times))
        {
            sends[mailbox] = times = [];
        }

        var index = times.BinarySearch(at);
        times.Insert(index < 0 ? ~index : index, at);
    }

    /// <summary>Null when <paramref name="mailbox"/> may send at <paramref name="now"/>; otherwise the earliest time it may.</summary>
    public DateTimeOffset? WaitUntil(string mailbox, DateTimeOffset now)
    {
        if (!sends.TryGetValue(mailbox, out var times) || times.Count == 0)
        {
            return null;
        }

        var earliest = times[^1] + spacing;
        var inWindow = times.Where(t => t > now - Window).ToList();
        if (inWindow.Count >= hourlyCap)
        {
            // The send that must leave the window before another fits under the cap.
            var leaving = inWindow[inWindow.Count - hourlyCap] + Window;
            earliest = leaving > earliest ? leaving : earliest;
        }

        return earliest > now ? earliest : null;
    }
}
