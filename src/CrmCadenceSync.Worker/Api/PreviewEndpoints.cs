using System.Text.Json;
using CrmCadenceSync.Core.Touches;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Email;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MimeKit;
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
        app.MapPost("/api/test-send", TestSendAsync).RequireRole(ApiRole.Operator);
        return app;
    }

    /// <summary>
    /// <c>POST /api/test-send</c> with <c>{ connection, contact, cadence, step, to }</c>: the step as that contact would
    /// get it, sent to the admin's address, marked as a test ([TEST] subject, X-CCS-Test header), never logged to the CRM.
    /// </summary>
    private static async Task<IResult> TestSendAsync(
        TestSendRequest request,
        HttpContext context,
        TimeProvider time,
        CadenceDbContext db,
        RuleSetProvider rules,
        OwnerDirectory owners,
        MailRelay relay,
        IOptions<SmtpOptions> smtp,
        IOptions<Replies.ConsentOptions> consent,
        CancellationToken cancellationToken)
    {
        if (!smtp.Value.Configured)
        {
            return Results.Problem($"No SMTP relay is configured ({SmtpOptions.SectionName}:Host), so nothing can be sent.", statusCode: StatusCodes.Status409Conflict);
        }

        if (!MailboxAddress.TryParse(request.To, out var to))
        {
            return Results.Problem($"'{request.To}' is not an email address.", statusCode: StatusCodes.Status400BadRequest);
        }

        var previewed = await GetAsync(request.Connection, request.Contact, request.Cadence, request.Step, db, rules, owners, consent, cancellationToken);
        if (previewed is not Ok<StepPreview> { Value: { } preview })
        {
            return previewed;
        }

        var from = smtp.Value.FallbackFromAddress is { Length: > 0 } fallback ? fallback : to.Address;
        var results = await relay.SendAsync([MailRelay.ComposeTest(from, to, preview.Subject ?? "", preview.Body)], cancellationToken);
        if (results.Values.Single() is { } failure)
        {
            return Results.Problem($"The relay refused the test message: {failure.Message}", statusCode: StatusCodes.Status502BadGateway);
        }

        Admin.AdminAudit.Record(db, AdminActor.Of(context), "test-send", $"{request.Connection}/{request.Contact} {request.Cadence}/{request.Step}", $"to {to.Address}", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(new { sentTo = to.Address, preview.Subject, preview.MissingFields });
    }

    private static async Task<IResult> GetAsync(
        string? connection,
        string? contact,
        string? cadence,
        string? step,
        CadenceDbContext db,
        RuleSetProvider rules,
        OwnerDirectory owners,
        IOptions<Replies.ConsentOptions> consent,
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
        var segment = await db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == connection && e.ContactCrmId == contact && e.CadenceId == cadence)
            .OrderByDescending(e => e.EnrolledAt)
            .Select(e => e.Segment)
            .FirstOrDefaultAsync(cancellationToken) ?? active.Segments.FirstOrDefault(s => s.CadenceId == cadence)?.Name;
        return TypedResults.Ok(StepPreview.For(target, stored, owner, found, active, triggerFields, consent.Value.ToPolicy(), segment));
    }
}
