using System.Text.Json;
using System.Xml;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Admin.Enrollments;
using CrmCadenceSync.Worker.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>
/// The custom workflow actions: <c>POST /hubspot/app/workflow-actions/enroll|pause|exit</c>. Each execution is stored
/// under its callback id before it is answered, and a repeat of the same callback id (HubSpot retries for up to three
/// days) gets the stored answer without acting again. Enroll answers <c>BLOCK</c>; the callback is completed when the
/// enrollment ends (<see cref="CallbackCompletionRunner"/>). All of them answer at once, well inside HubSpot's limits.
/// </summary>
internal static class WorkflowActionEndpoints
{
    public const string Enroll = "enroll";

    public static IEndpointRouteBuilder MapHubSpotWorkflowActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/hubspot/app/workflow-actions/{action:regex(^(enroll|pause|exit)$)}", ExecuteAsync)
            .AuthenticatedBySignature("HubSpot's v3 signature on the workflow action request");
        return app;
    }

    private static async Task<IResult> ExecuteAsync(
        string action,
        HttpRequest request,
        ConnectionRegistry connections,
        CadenceDbContext db,
        IWorkflowEnrollment enrollment,
        EnrollmentActions admin,
        IOptions<HubSpotAppOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (signed, problem) = await SignedHubSpotRequest.ReadAsync(request, connections, time, loggers.CreateLogger(typeof(WorkflowActionEndpoints)), cancellationToken);
        if (signed is null)
        {
            return problem!;
        }

        var (execution, invalid) = WorkflowActionRequest.Parse(signed.Body);
        if (execution is null)
        {
            return Results.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        if (await db.WorkflowCallbacks.AsNoTracking().FirstOrDefaultAsync(c => c.CallbackId == execution.CallbackId, cancellationToken) is { } seen)
        {
            return Answer(seen.ResponseJson);
        }

        var connection = signed.Connector.Connection;
        var actor = $"hubspot-workflow:{execution.WorkflowId ?? "unknown"}";
        var now = time.GetUtcNow();
        Guid? enrollmentId = null;
        string state;
        Dictionary<string, string> outputs;
        if (action == Enroll)
        {
            var startStep = execution.StartStep(out var stepProblem);
            var cadence = execution.Inputs.GetValueOrDefault("cadence");
            var result = stepProblem is not null ? new WorkflowEnrollmentResult(null, stepProblem)
                : string.IsNullOrWhiteSpace(cadence) ? new WorkflowEnrollmentResult(null, "Input cadence is required.")
                : await enrollment.EnrollAsync(connection, execution.ObjectId, cadence.Trim(), startStep, actor, cancellationToken);
            if (result.EnrollmentId is { } id)
            {
                enrollmentId = id;
                state = WorkflowCallbackStates.Blocked;
                outputs = new() { ["hs_execution_state"] = "BLOCK", ["hs_expiration_duration"] = XmlConvert.ToString(options.Value.BlockFor) };
            }
            else
            {
                state = WorkflowCallbackStates.Answered;
                outputs = new() { ["hs_execution_state"] = "FAIL_CONTINUE", ["exit_reason"] = $"Refused: {result.Refusal}" };
            }
        }
        else
        {
            var open = await db.Enrollments.AsNoTracking()
                .Where(e => e.Connection == connection && e.ContactCrmId == execution.ObjectId && e.IsOpen)
                .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
            string result;
            if (open is { } id)
            {
                enrollmentId = id;
                var (_, refusal) = await admin.ApplyAsync(id, action, actor, cancellationToken);
                result = refusal ?? (action == EnrollmentActions.Pause ? "paused" : "exited");
            }
            else
            {
                result = "not in a cadence";
            }

            db.ChangeTracker.Clear();
            state = WorkflowCallbackStates.Answered;
            outputs = new() { ["hs_execution_state"] = "SUCCESS", ["result"] = result };
        }

        var response = JsonSerializer.Serialize(new { outputFields = outputs });
        db.WorkflowCallbacks.Add(new WorkflowCallbackEntity
        {
            CallbackId = execution.CallbackId,
            Connection = connection,
            Action = action,
            ContactCrmId = execution.ObjectId,
            EnrollmentId = enrollmentId,
            State = state,
            ResponseJson = response,
            ReceivedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same execution delivered twice at once: the first one stored wins, and both get its answer.
            db.ChangeTracker.Clear();
            var first = await db.WorkflowCallbacks.AsNoTracking().FirstAsync(c => c.CallbackId == execution.CallbackId, cancellationToken);
            return Answer(first.ResponseJson);
        }

        return Answer(response);
    }

    private static IResult Answer(string json) => Results.Content(json, "application/json");
}
