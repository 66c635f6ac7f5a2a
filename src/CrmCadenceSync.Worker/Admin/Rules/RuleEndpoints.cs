using System.Text.Json.Nodes;
using CrmCadenceSync.Core.Rules.Versions;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Admin.Preview;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Admin.Rules;

/// <summary>
/// The rule set through the API: read the active one and the history, validate and preview a candidate (the body is the
/// rule set in the configuration's shape), activate it, or roll back to an earlier version. An invalid candidate gets a
/// 422 problem listing every error, and the active version stays.
/// </summary>
internal static class RuleEndpoints
{
    public static IEndpointRouteBuilder MapRuleAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rules", GetActiveAsync);
        app.MapGet("/api/rules/history", GetHistoryAsync);
        app.MapGet("/api/rules/{version:int}", GetVersionAsync);

        // Rule authoring, including the dry runs, is the admins' (validate and preview change nothing, but are theirs).
        app.MapPost("/api/rules/validate", ValidateAsync).RequireRole(ApiRole.Admin);
        app.MapPost("/api/rules/preview", PreviewAsync).RequireRole(ApiRole.Admin);
        app.MapPost("/api/rules/activate", ActivateAsync).RequireRole(ApiRole.Admin);
        app.MapPost("/api/rules/rollback/{version:int}", RollbackAsync).RequireRole(ApiRole.Admin);
        return app;
    }

    private static async Task<IResult> GetActiveAsync(CadenceDbContext db, CancellationToken cancellationToken)
    {
        var active = await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.IsActive, cancellationToken);
        return active is null
            ? Results.Problem("No rule set is stored yet.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(View(active, withDefinition: true));
    }

    private static async Task<IResult> GetVersionAsync(int version, CadenceDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Version == version, cancellationToken);
        return row is null
            ? Results.Problem($"No rule set version {version}.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(View(row, withDefinition: true));
    }

    private static async Task<IResult> GetHistoryAsync(CadenceDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.RuleSetVersions.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return Results.Ok(rows.Select(r => View(r, withDefinition: false)).ToList());
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var candidate = CandidateRuleSet.From(await ReadBodyAsync(request, cancellationToken));
        return candidate.Rules is { } rules
            ? Results.Ok(new RuleSetValidation(true, rules.Segments.Count, rules.Cadences.Count, rules.Cadences.Values.Sum(c => c.Steps.Count), []))
            : Invalid(candidate);
    }

    private static async Task<IResult> PreviewAsync(HttpRequest request, RuleSetPreviewer previewer, CancellationToken cancellationToken)
    {
        var candidate = CandidateRuleSet.From(await ReadBodyAsync(request, cancellationToken));
        return candidate.Rules is { } rules ? Results.Ok(await previewer.PreviewAsync(rules, cancellationToken)) : Invalid(candidate);
    }

    private static async Task<IResult> ActivateAsync(ActivateRequest request, HttpContext context, RuleSetStore store, CadenceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.RuleSet is not JsonObject ruleSet)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["ruleSet"] = ["Send the candidate rule set as ruleSet (a JSON object with Segments, Cadences, Policies, ...)."] });
        }

        if (!TryChoice(request.OpenEnrollments, out var choice))
        {
            return BadChoice(request.OpenEnrollments);
        }

        var candidate = CandidateRuleSet.From(ruleSet.ToJsonString());
        if (!candidate.IsValid)
        {
            return Invalid(candidate);
        }

        var author = Author(context, request.Author);
        var row = await store.ActivateAsync(candidate, author, reason: null, choice, cancellationToken);
        AdminAudit.Record(db, AdminActor.Of(context), "rules.activate", $"v{row.Version}", row.ChangeSummary, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/rules/{row.Version}", View(row, withDefinition: false));
    }

    private static async Task<IResult> RollbackAsync(
        int version, string? author, string? openEnrollments, HttpContext context, RuleSetStore store, CadenceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!TryChoice(openEnrollments, out var choice))
        {
            return BadChoice(openEnrollments);
        }

        var earlier = await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Version == version, cancellationToken);
        if (earlier is null)
        {
            return Results.Problem($"No rule set version {version} to roll back to.", statusCode: StatusCodes.Status404NotFound);
        }

        if (earlier.IsActive)
        {
            return Results.Problem($"Version {version} is already the active rule set.", statusCode: StatusCodes.Status409Conflict);
        }

        var candidate = CandidateRuleSet.From(earlier.DefinitionJson);
        if (!candidate.IsValid)
        {
            return Invalid(candidate, $"Version {version} no longer validates, so it cannot be activated again");
        }

        var row = await store.ActivateAsync(candidate, Author(context, author), $"Rolled back to version {version}", choice, cancellationToken);
        AdminAudit.Record(db, AdminActor.Of(context), "rules.rollback", $"v{row.Version}", row.ChangeSummary, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/rules/{row.Version}", View(row, withDefinition: false));
    }

    private static bool TryChoice(string? given, out OpenEnrollmentChoice choice)
    {
        choice = OpenEnrollmentChoice.Move;
        return string.IsNullOrWhiteSpace(given) || (Enum.TryParse(given.Trim(), ignoreCase: true, out choice) && Enum.IsDefined(choice));
    }

    private static IResult BadChoice(string? given) =>
        Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["openEnrollments"] = [$"'{given}' is not a choice for open enrollments: send Move (to the new version, by step id) or Stay (on the version they started on)."],
        });

    /// <summary>The API key's name, with the person's own name when they gave one: "ops (Dana)".</summary>
    private static string Author(HttpContext context, string? given)
    {
        var actor = AdminActor.Of(context);
        return string.IsNullOrWhiteSpace(given) ? actor : $"{given.Trim()} ({actor})";
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static IResult Invalid(CandidateRuleSet candidate, string title = "The rule set is invalid") =>
        Results.Problem(
            title: title,
            detail: string.Join(" ", candidate.Errors),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errors"] = candidate.Errors });

    private static RuleSetVersionView View(RuleSetVersionEntity row, bool withDefinition) =>
        new(row.Version, row.IsActive, row.Author, row.CreatedAt, row.ChangeSummary, withDefinition ? JsonNode.Parse(row.DefinitionJson) : null);
}
