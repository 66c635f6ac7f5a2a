namespace CrmCadenceSync.Core.Replies;

/// <param name="ReturnDate">For an auto-reply, the day the person says they are back, when the text names one.</param>
/// <param name="Evidence">What decided the kind (a header or the phrase matched), for logs and notes.</param>
public sealed record ReplyClassification(ReplyKind Kind, DateOnly? ReturnDate = null, string? Evidence = null)
{
    public static readonly ReplyClassification Unreadable = new(ReplyKind.Human, Evidence: "no body");

    /// <summary>Whether the reply counts as a reply in the metrics (reply rate, time to first response): machines' replies do not.</summary>
    public bool CountsAsReply => Kind is ReplyKind.Human or ReplyKind.Unsubscribe;
}
