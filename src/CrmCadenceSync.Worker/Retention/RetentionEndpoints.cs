using System.Linq.Expressions;
using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Retention;

/// <summary><c>GET /api/retention</c> (a read: any key role).</summary>
public static class RetentionEndpoints
{
    public static IEndpointRouteBuilder MapRetention(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/retention", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        CadenceDbContext db, RetentionRunner runner, IOptions<RetentionOptions> options, CancellationToken cancellationToken)
    {
        List<HeldTable> held =
        [
            await HeldAsync("Contacts", db.Contacts, c => c.SnapshotAt, cancellationToken),
            await HeldAsync("InboxEvents", db.InboxEvents, e => e.ReceivedAt, cancellationToken),
            await HeldAsync("Outbox", db.Outbox, o => o.CreatedAt, cancellationToken),
            await HeldAsync("DeadLetters", db.DeadLetters, d => d.FailedAt, cancellationToken),
            await HeldAsync("Enrollments", db.Enrollments, e => e.EnrolledAt, cancellationToken),
            await HeldAsync("StepRuns", db.StepRuns, r => r.RecordedAt, cancellationToken),
            await HeldAsync("EngagementOutcomes", db.EngagementOutcomes, o => o.RecordedAt, cancellationToken),
            await HeldAsync("TriggerEvents", db.TriggerEvents, t => t.ReceivedAt, cancellationToken),
            await HeldAsync("AdminAudit", db.AdminAudit, a => a.At, cancellationToken),
        ];
        return TypedResults.Ok(new RetentionReport(
            options.Value.Days, options.Value.Interval, runner.Cutoff, held, await runner.PlanAsync(cancellationToken)));
    }

    private static async Task<HeldTable> HeldAsync<T>(string table, IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> age, CancellationToken cancellationToken)
    {
        var oldest = await rows.OrderBy(age).Select(age).Select(a => (DateTimeOffset?)a).FirstOrDefaultAsync(cancellationToken);
        var by = ((MemberExpression)age.Body).Member.Name;
        return new HeldTable(table, await rows.CountAsync(cancellationToken), oldest, by);
    }
}
