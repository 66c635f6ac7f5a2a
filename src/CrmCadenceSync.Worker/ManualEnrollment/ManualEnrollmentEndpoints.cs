using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.FlowActions;
using CrmCadenceSync.Worker.Webhooks;

namespace CrmCadenceSync.Worker.ManualEnrollment;

/// <summary>
/// <c>POST /api/enrollments</c>: enroll one contact or a list (ids or emails) into a named cadence. 200 with a result per
/// contact, refusals included; 400 naming the input when the request itself is wrong (nobody is enrolled then).
/// </summary>
public static class ManualEnrollmentEndpoints
{
    public static IEndpointRouteBuilder MapManualEnrollment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/enrollments", EnrollAsync).WithName("enrollContacts").WithTags(FlowActionRoutes.Tag).RequireRole(ApiRole.Operator);
        return app;
    }

    private static async Task<IResult> EnrollAsync(ManualEnrollmentRequest? request, HttpContext context, IManualEnrollment enrollment, WorkSignal signal, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send {\"cadence\": \"…\", \"contacts\": [\"id or email\", …]}."] });
        }

        if (enrollment.Validate(request) is { Count: > 0 } errors)
        {
            return Results.ValidationProblem(errors);
        }

        var result = await enrollment.EnrollAsync(request, AdminActor.Of(context), cancellationToken);
        if (result.Enrolled > 0)
        {
            // The first touch need not wait for the timer.
            await signal.NudgeDueStepsAsync(cancellationToken);
        }

        return FlowJson.Ok(result);
    }
}
