using System.Net;

namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>The small HTML pages a recipient sees: the confirmation (GET), the result (POST) and a refused link (400).</summary>
internal static class UnsubscribePages
{
    public static IResult Confirm(string token) => Page(
        StatusCodes.Status200OK,
        "Unsubscribe",
        $"""
        <p>Click the button to stop receiving these emails. You will not need to log in.</p>
        <form method="post" action="{UnsubscribeLink.Path}/{WebUtility.HtmlEncode(token)}">
          <input type="hidden" name="List-Unsubscribe" value="One-Click">
          <button type="submit">Unsubscribe</button>
        </form>
        """);

    public static IResult Done(UnsubscribeOutcome outcome) => Page(
        StatusCodes.Status200OK,
        "You are unsubscribed",
        outcome == UnsubscribeOutcome.AlreadyOptedOut
            ? "<p>You were already unsubscribed. You will receive no further emails from this sequence.</p>"
            : "<p>You will receive no further emails from this sequence. Your choice is also recorded with the sender.</p>");

    public static IResult Refused(string reason) => Page(
        StatusCodes.Status400BadRequest,
        "This unsubscribe link does not work",
        $"<p>{WebUtility.HtmlEncode(reason)}</p>");

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
        <h1>{title}</h1>
        {body}
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);
}
