using System.Data.Common;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Connections;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Webhooks;

/// <summary>
/// <c>POST /webhooks/{connection}</c>: verified by the connector, committed to the inbox, and only then answered
/// with 2xx (or the connector's acknowledgement), so nothing the CRM was told we accepted is ever lost.
/// </summary>
public static partial class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/{connection}", ReceiveAsync)
            .AuthenticatedBySignature("the CRM's own proof: HubSpot's v3 signature, a Salesforce Outbound Message's organization id");
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string connection,
        HttpRequest request,
        ConnectionRegistry connections,
        WebhookInbox inbox,
        WorkSignal signal,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(WebhookEndpoints));
        if (connections.Find(connection) is not { } connector)
        {
            return Results.Problem($"No enabled connection is named '{connection}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var max = options.Value.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(request, max, cancellationToken);
        if (body is null)
        {
            LogRejected(logger, connection, StatusCodes.Status413PayloadTooLarge, $"body over {max} bytes");
            return Results.Problem($"The webhook body is larger than {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var parsed = connector.ParseWebhook(new WebhookRequest(request.Method, new Uri(request.GetEncodedUrl()), headers, body, time.GetUtcNow()));
        if (!parsed.Accepted)
        {
            LogRejected(logger, connection, parsed.RejectStatus!.Value, parsed.RejectReason ?? "");
            return Results.Problem(parsed.RejectReason, statusCode: parsed.RejectStatus);
        }

        try
        {
            await inbox.AppendAsync([.. parsed.Events.Select(e => new InboxItem(e))], cancellationToken);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException && e is not OperationCanceledException)
        {
            // The CRM retries on 5xx: answering 503 loses nothing, answering 2xx without storing would.
            LogStoreUnavailable(logger, connection, e.Message);
            return Results.Problem("The event store is unavailable; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        await signal.NudgeInboxAsync(cancellationToken);
        return parsed.Acknowledgement is { } ack
            ? Results.Content(ack.Body, ack.ContentType)
            : Results.Ok(new { accepted = parsed.Events.Count });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for {Connection} refused with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string connection, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook for {Connection} answered 503, the store is unavailable: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string connection, string reason);
}
