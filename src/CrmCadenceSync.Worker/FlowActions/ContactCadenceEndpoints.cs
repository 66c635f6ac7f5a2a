using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Admin.Enrollments;
using CrmCadenceSync.Worker.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.FlowActions;

/// <summary>
/// <c>POST /api/contacts/{connection}/{contactId}/pause|resume|exit</c>: the admin actions addressed by the CRM record a
/// Flow or workflow runs on (it knows the record id, not our enrollment id). A record whose linked twin runs the
/// person's cadence acts on the twin's enrollment (one cadence per person).
/// </summary>
internal static class ContactCadenceEndpoints
{
    public static IEndpointRouteBuilder MapContactCadenceActions(this IEndpointRouteBuilder app)
    {
        foreach (var (action, operation) in new[] { (EnrollmentActions.Pause, "pauseCadence"), (EnrollmentActions.Resume, "resumeCadence"), (EnrollmentActions.Exit, "exitCadence") })
        {
            app.MapPost($"/api/contacts/{{connection}}/{{contactId}}/{action}", (string connection, string contactId, HttpContext context, CadenceDbContext db, IdentityLinks identity, EnrollmentActions actions, CancellationToken cancellationToken) =>
                    ActAsync(connection, contactId, action, context, db, identity, actions, cancellationToken))
                .WithName(operation)
                .WithTags(FlowActionRoutes.Tag)
                .RequireRole(ApiRole.Operator);
        }

        return app;
    }

    private static async Task<IResult> ActAsync(
        string connection, string contactId, string action, HttpContext context, CadenceDbContext db, IdentityLinks identity, EnrollmentActions actions,
        CancellationToken cancellationToken)
    {
        var open = await db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == connection && e.ContactCrmId == contactId && e.IsOpen)
            .Select(e => (Guid?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is null && await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Connection == connection && c.CrmId == contactId, cancellationToken) is { } stored)
        {
            var twins = IdentityLinks.Of(await identity.TwinsAsync(connection, [stored.ToContact()], cancellationToken), contactId);
            open = twins.Select(t => t.OpenEnrollment?.Id).FirstOrDefault(id => id is not null);
        }

        if (open is not { } id)
        {
            return Results.Problem(
                $"{connection}/{contactId} has no open enrollment (not enrolled, already ended, or not read from the CRM yet).",
                statusCode: StatusCodes.Status404NotFound,
                title: "No open enrollment");
        }

        var (row, refusal) = await actions.ApplyAsync(id, action, AdminActor.Of(context), cancellationToken);
        if (refusal is not null || row is null)
        {
            return Results.Problem(refusal ?? $"No enrollment {id}.", statusCode: StatusCodes.Status409Conflict, title: "The enrollment is not in a state for that");
        }

        return FlowJson.Ok(new CadenceActionResult(row.Id, row.Connection, row.ContactCrmId, row.CadenceId, row.State, row.NextDueAt, row.ExitReason));
    }
}
