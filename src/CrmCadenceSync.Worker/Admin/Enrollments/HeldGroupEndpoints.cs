using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Admin.Enrollments;

/// <summary>
/// <c>GET /api/enrollments/held</c>: the held enrollments grouped by reason, field, cadence and step, largest group
/// first, each with its fix. An enrollment held for two missing fields counts in both fields' groups.
/// </summary>
internal static class HeldGroupEndpoints
{
    public static IEndpointRouteBuilder MapHeldGroups(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/enrollments/held", ListAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(CadenceDbContext db, RuleSetProvider rules, CancellationToken cancellationToken)
    {
        const string held = nameof(EnrollmentState.Held);
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => e.State == held)
            .GroupBy(e => new { e.CadenceId, e.RuleSetVersion, e.NextStepIndex, e.HoldReason })
            .Select(g => new { g.Key.CadenceId, g.Key.RuleSetVersion, g.Key.NextStepIndex, g.Key.HoldReason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var groups = rows
            .SelectMany(row =>
            {
                // The step as the enrollment's own rule set version defines it (an enrollment may stay on an older one).
                var steps = rules.CadenceOf(row.RuleSetVersion, row.CadenceId)?.Steps;
                var step = steps is not null && row.NextStepIndex < steps.Count ? steps[row.NextStepIndex] : null;
                return HoldFixes.For(row.HoldReason, row.CadenceId, step).Select(cause => (Cause: cause, row.CadenceId, Step: step, StepNumber: step?.Number ?? row.NextStepIndex + 1, row.Count));
            })
            .GroupBy(g => (g.Cause, g.CadenceId, g.StepNumber, StepId: g.Step?.Id))
            .Select(g => new HeldGroupView(g.Key.Cause.Reason, g.Key.Cause.Field, g.Key.CadenceId, g.Key.StepNumber, g.Key.StepId, g.Sum(x => x.Count), g.Key.Cause.Fix))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Cadence, StringComparer.Ordinal).ThenBy(g => g.Step).ThenBy(g => g.Field, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(new { total = rows.Sum(r => r.Count), groups });
    }
}
