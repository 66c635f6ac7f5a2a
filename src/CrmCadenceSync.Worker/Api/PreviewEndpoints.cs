using System.Text.Json;
using CrmCadenceSync.Core.Touches;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Api;

/// <summary>
/// <c>GET /api/preview?connection=&amp;contact=&amp;cadence=&amp;step=</c>: any step rendered for any stored contact, as
/// they would receive it, with missing fields marked. Reads only; writes nothing to the CRM.
/// </summary>
public static class PreviewEndpoints
{
    public static IEndpointRouteBuilder MapPreview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/preview", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        string? connection,
        string? contact,
        string? cadence,
        string? step,
        CadenceDbContext db,
        RuleSetProvider rules,
        OwnerDirectory owners,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connection) || string.IsNullOrWhiteSpace(contact) || string.IsNullOrWhiteSpace(cadence) || string.IsNullOrWhiteSpace(step))
        {
            return Results.Problem("Give connection, contact (its CRM id), cadence and step.", statusCode: StatusCodes.Status400BadRequest);
        }

        var active = rules.Current.Rules;
        if (!active.Cadences.TryGetValue(cadence, out var found) || found.Steps.FirstOrDefault(s => s.Id == step) is not { } target)
        {
            return Results.Problem($"The active rule set has no step '{step}' in cadence '{cadence}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var snapshot = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Connection == connection && c.CrmId == contact, cancellationToken);
        if (snapshot is null)
        {
            return Results.Problem($"No contact '{contact}' is stored for connection '{connection}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var stored = snapshot.ToContact();
        var triggerJson = await db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == connection && e.ContactCrmId == contact && e.CadenceId == cadence && e.TriggerFieldsJson != null)
            .OrderByDescending(e => e.EnrolledAt)
            .Select(e => e.TriggerFieldsJson)
            .FirstOrDefaultAsync(cancellationToken);
        var triggerFields = triggerJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(triggerJson);
        var owner = await owners.FindAsync(connection, stored.OwnerId, cancellationToken);
        return Results.Ok(StepPreview.For(target, stored, owner, found, active, triggerFields));
    }
}
