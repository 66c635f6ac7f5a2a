using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Admin.Enrollments;

/// <summary>
/// <c>GET /api/enrollments?contact=&amp;cadence=&amp;segment=&amp;state=&amp;page=</c> and
/// <c>POST /api/enrollments/{id}/pause|resume|exit</c>; <c>GET /api/enrollments/held</c> (see <see cref="HeldGroupEndpoints"/>).
/// </summary>
internal static class EnrollmentEndpoints
{
    public const int PageSize = 50;

    public static IEndpointRouteBuilder MapEnrollmentAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/enrollments", ListAsync);
        app.MapHeldGroups();
        app.MapPost("/api/enrollments/{id:guid}/{action:regex(^(pause|resume|exit)$)}", ActAsync).RequireRole(ApiRole.Operator);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? contact, string? cadence, string? segment, string? state, int? page, CadenceDbContext db, RuleSetProvider rules, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        EnrollmentState? wanted = null;
        var openOnly = string.Equals(state, "open", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(state) && !openOnly)
        {
            if (Enum.TryParse<EnrollmentState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["state"] = [$"'{state}' is not a state; use open, {string.Join(", ", Enum.GetNames<EnrollmentState>())}."];
            }
        }

        if (page is < 1)
        {
            errors["page"] = [$"page starts at 1 (it is {page})."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var query = db.Enrollments.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(contact))
        {
            var term = contact.Trim();
            var byEmail = await db.Contacts.AsNoTracking()
                .Where(c => c.Email != null && EF.Functions.Like(c.Email, term))
                .Select(c => c.CrmId)
                .ToListAsync(cancellationToken);
            query = query.Where(e => e.ContactCrmId == term || byEmail.Contains(e.ContactCrmId));
        }

        if (!string.IsNullOrWhiteSpace(cadence))
        {
            query = query.Where(e => e.CadenceId == cadence);
        }

        if (!string.IsNullOrWhiteSpace(segment))
        {
            query = query.Where(e => e.Segment == segment);
        }

        if (openOnly)
        {
            query = query.Where(e => e.IsOpen);
        }
        else if (wanted is { } only)
        {
            var name = only.ToString();
            query = query.Where(e => e.State == name);
        }

        var number = page ?? 1;
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.EnrolledAt).ThenBy(e => e.Id)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.ContactCrmId).Distinct().ToList();
        var contacts = (await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.CrmId)).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.Connection, c.CrmId));
        var active = rules.Current.Rules;
        var held = await db.Enrollments.CountAsync(e => e.State == nameof(EnrollmentState.Held), cancellationToken);
        var heldTooLong = await db.Enrollments.CountAsync(e => e.ExitReason == nameof(ExitReason.HeldTooLong), cancellationToken);
        return Results.Ok(new EnrollmentPage(
            number, PageSize, total, [.. rows.Select(r => View(r, contacts.GetValueOrDefault((r.Connection, r.ContactCrmId)), active))], held, heldTooLong));
    }

    private static async Task<IResult> ActAsync(
        Guid id, string action, HttpContext context, EnrollmentActions actions, RuleSetProvider rules, CadenceDbContext db, CancellationToken cancellationToken)
    {
        var (row, refusal) = await actions.ApplyAsync(id, action, AdminActor.Of(context), cancellationToken);
        if (refusal is not null)
        {
            return Results.Problem(refusal, statusCode: StatusCodes.Status409Conflict, title: "The enrollment is not in a state for that");
        }

        if (row is null)
        {
            return Results.Problem($"No enrollment {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Connection == row.Connection && c.CrmId == row.ContactCrmId, cancellationToken);
        return Results.Ok(View(row, contact, rules.Current.Rules));
    }

    private static EnrollmentView View(EnrollmentEntity row, ContactEntity? contact, Core.Rules.RuleSet rules)
    {
        var steps = rules.Cadences.GetValueOrDefault(row.CadenceId)?.Steps;
        var next = row.IsOpen && steps is not null && row.NextStepIndex < steps.Count ? steps[row.NextStepIndex].Id : null;
        var name = contact is null ? null : string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new EnrollmentView(
            row.Id, row.Connection, row.ContactCrmId, string.IsNullOrEmpty(name) ? null : name, contact?.Email, row.Segment, row.CadenceId, row.State,
            row.NextStepIndex + 1, next, row.NextDueAt, row.EnrolledAt, row.EndedAt, row.ExitReason, row.HoldReason, row.RuleSetVersion);
    }
}
