using CrmCadenceSync.Worker.Admin.Access;

namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>
/// <c>GET /unsubscribe/{token}</c> shows a confirmation page whose button POSTs (a link scanner's GET changes nothing);
/// <c>POST /unsubscribe/{token}</c> is the RFC 8058 one-click request (body <c>List-Unsubscribe=One-Click</c>, sent by
/// the mail client) and the page's button. No login and no API key: the signed token is the authority. A bad, changed
/// or expired token gets a 400 page saying so.
/// </summary>
public static partial class UnsubscribeEndpoints
{
    private const string SignedToken = "the HMAC-signed, expiring unsubscribe token in the link";

    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        // The token is the authority, and a mail client may POST from anywhere (RFC 8058), so no key and no Origin check.
        app.MapGet($"{UnsubscribeLink.Path}/{{token}}", Confirm).AuthenticatedBySignature(SignedToken);
        app.MapPost($"{UnsubscribeLink.Path}/{{token}}", UnsubscribeAsync).DisableAntiforgery().AuthenticatedBySignature(SignedToken);
        return app;
    }

    private static IResult Confirm(string token, UnsubscribeTokens tokens, TimeProvider time)
    {
        var (request, refusal) = tokens.Read(token, time.GetUtcNow());
        return request is null ? UnsubscribePages.Refused(refusal!) : UnsubscribePages.Confirm(token);
    }

    private static async Task<IResult> UnsubscribeAsync(
        string token, UnsubscribeTokens tokens, UnsubscribeRecorder recorder, TimeProvider time, ILogger<UnsubscribeRecorder> logger, CancellationToken cancellationToken)
    {
        var (request, refusal) = tokens.Read(token, time.GetUtcNow());
        if (request is null)
        {
            LogRefused(logger, refusal!);
            return UnsubscribePages.Refused(refusal!);
        }

        return UnsubscribePages.Done(await recorder.RecordAsync(request, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An unsubscribe request was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
