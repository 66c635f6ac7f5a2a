using System.Text.Json;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Rules;
using CrmCadenceSync.Worker.Webhooks;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Triggers;

/// <summary>
/// <c>POST /api/triggers/{name}</c>: another system (a CPQ tool announcing a new bundle) enrolls the contacts a
/// trigger selects. Signed with the trigger's secret (<see cref="TriggerSignature"/>); a bad signature gets 401 and
/// enrolls nobody.
/// </summary>
public static partial class TriggerEndpoints
{
    public const string SecretsSection = "TriggerSecrets";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapTriggers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/triggers/{name}", ReceiveAsync).AuthenticatedBySignature("HMAC-SHA256 of the body with the trigger's secret (TriggerSecrets)");
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string name,
        HttpRequest request,
        RuleSetProvider rules,
        TriggerRunner runner,
        WorkSignal signal,
        IConfiguration configuration,
        IOptions<WebhookOptions> limits,
        CallerClock clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TriggerEndpoints));
        if (!rules.Current.Rules.Triggers.TryGetValue(name, out var trigger))
        {
            return Results.Problem($"No trigger is named '{name}' in the active rule set.", statusCode: StatusCodes.Status404NotFound);
        }

        var secret = configuration[$"{SecretsSection}:{name}"];
        if (string.IsNullOrEmpty(secret))
        {
            LogRefused(logger, name, "no secret configured");
            return Results.Problem($"Trigger '{name}' has no secret configured ({SecretsSection}:{name}), so no call can be trusted.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var body = await RequestBody.ReadAsync(request, limits.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem($"The trigger body is larger than {limits.Value.MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var problem = TriggerSignature.Problem(
            secret, request.Headers[TriggerSignature.TimestampHeader], request.Headers[TriggerSignature.SignatureHeader], body, clock.Time.GetUtcNow());
        if (problem is not null)
        {
            LogRefused(logger, name, problem);
            return Results.Problem(problem, statusCode: StatusCodes.Status401Unauthorized);
        }

        TriggerEvent? received;
        try
        {
            received = JsonSerializer.Deserialize<TriggerEvent>(body, Json);
        }
        catch (JsonException e)
        {
            return Results.Problem($"The trigger body is not valid JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrWhiteSpace(received?.EventId))
        {
            return Results.Problem("The trigger body needs an \"eventId\", so a resent event is applied once.", statusCode: StatusCodes.Status400BadRequest);
        }

        var fields = (received.Fields ?? []).Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value!, StringComparer.OrdinalIgnoreCase);
        var missing = trigger.Fields.Where(f => !fields.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            return Results.Problem($"Trigger '{name}' needs the fields {string.Join(", ", missing)}; the event lacks them.", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await runner.RunAsync(trigger, received.EventId.Trim(), fields, cancellationToken);
        if (result.Enrolled > 0)
        {
            await signal.NudgeDueStepsAsync(cancellationToken);
        }

        return Results.Ok(result);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {Trigger} call refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string trigger, string reason);
}
