namespace CrmCadenceSync.Core.Replies;

/// <summary>
/// Tells what a reply is: a person's answer, an auto-reply (out of office), a "no longer with the company" notice, or a
/// request to be removed. Headers decide where the CRM keeps them; the text decides otherwise. A reply without text
/// counts as a person's: nobody who answered is emailed again because we could not read the answer.
/// </summary>
public static class ReplyClassifier
{
    /// <param name="reply">The reply; null when the CRM gave nothing to read.</param>
    /// <param name="receivedLocal">The day it arrived in the contact's zone, from which a return date without a year is read.</param>
    public static ReplyClassification Classify(ReplyMessage? reply, DateOnly receivedLocal)
    {
        if (reply is null || (string.IsNullOrWhiteSpace(reply.Body) && AutoReplyHeaders.Find(reply.Headers) is null
            && !ReplyPatterns.AutoReplySubject().IsMatch(reply.Subject ?? "")))
        {
            return ReplyClassification.Unreadable;
        }

        var written = QuotedText.NewPart(reply.Body ?? "");
        var text = $"{reply.Subject}\n{written}";
        if (AutoReplyHeaders.Find(reply.Headers) is { } header)
        {
            // A machine wrote it: an unsubscribe footer in it is no request from the person.
            return ReplyPatterns.LeftCompany().Match(written) is { Success: true } left
                ? new ReplyClassification(ReplyKind.LeftCompany, Evidence: left.Value)
                : new ReplyClassification(ReplyKind.AutoReply, ReturnDates.Find(text, receivedLocal), header);
        }

        if (ReplyPatterns.Unsubscribe().Match(written) is { Success: true } unsubscribe)
        {
            return new ReplyClassification(ReplyKind.Unsubscribe, Evidence: unsubscribe.Value);
        }

        if (ReplyPatterns.LeftCompany().Match(written) is { Success: true } gone)
        {
            return new ReplyClassification(ReplyKind.LeftCompany, Evidence: gone.Value);
        }

        var away = ReplyPatterns.AutoReplySubject().Match(reply.Subject ?? "") is { Success: true } subject ? subject : ReplyPatterns.OutOfOffice().Match(written);
        return away.Success
            ? new ReplyClassification(ReplyKind.AutoReply, ReturnDates.Find(text, receivedLocal), away.Value)
            : new ReplyClassification(ReplyKind.Human);
    }

    /// <summary>Classifies with the day of arrival read in <paramref name="zone"/>.</summary>
    public static ReplyClassification Classify(ReplyMessage? reply, DateTimeOffset receivedAt, TimeZoneInfo zone) =>
        Classify(reply, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, zone).DateTime));
}
