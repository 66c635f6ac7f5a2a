using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Admin.DeadLetters;

/// <summary>
/// <c>GET /api/dead-letters[?all=true]</c>, <c>POST /api/dead-letters/{id}/retry</c> (the write goes back to the outbox,
/// under its own idempotency key, so it is written once when the cause is fixed), <c>/discard</c>, and for an email
/// whose delivery was unknown <c>/delivered</c> (the admin found it in the mailbox: it is recorded as sent and logged
/// in the CRM, never sent again). All are audited.
/// </summary>
internal static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dead-letters", ListAsync);
        app.MapPost("/api/dead-letters/{id:long}/retry", (long id, HttpContext context, CadenceDbContext db, TimeProvider time, CancellationToken ct) =>
            ResolveAsync(id, retry: true, context, db, time, ct)).RequireRole(ApiRole.Operator);
        app.MapPost("/api/dead-letters/{id:long}/discard", (long id, HttpContext context, CadenceDbContext db, TimeProvider time, CancellationToken ct) =>
            ResolveAsync(id, retry: false, context, db, time, ct)).RequireRole(ApiRole.Operator);
        app.MapPost("/api/dead-letters/{id:long}/delivered", MarkDeliveredAsync).RequireRole(ApiRole.Operator);
        return app;
    }

    private static async Task<IResult> ListAsync(bool? all, CadenceDbContext db, CancellationToken cancellationToken)
    {
        var query = db.DeadLetters.AsNoTracking();
        if (all != true)
        {
            query = query.Where(d => d.ResolvedAt == null);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(500).ToListAsync(cancellationToken);
        var keys = rows.Select(r => r.IdempotencyKey).ToList();
        var contacts = await db.Outbox.AsNoTracking().Where(o => keys.Contains(o.IdempotencyKey))
            .ToDictionaryAsync(o => o.IdempotencyKey, o => o.ContactCrmId, cancellationToken);
        return Results.Ok(rows.Select(r => View(r, contacts.GetValueOrDefault(r.IdempotencyKey))).ToList());
    }

    private static async Task<IResult> ResolveAsync(long id, bool retry, HttpContext context, CadenceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var letter = await db.DeadLetters.FindAsync([id], cancellationToken);
        if (letter is null)
        {
            return Results.Problem($"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (letter.ResolvedAt is not null)
        {
            return Results.Problem($"Dead letter {id} was already resolved: {letter.Resolution}.", statusCode: StatusCodes.Status409Conflict);
        }

        var now = time.GetUtcNow();
        var actor = AdminActor.Of(context);
        if (retry && await HubSpotApp.CallbackDeadLetters.RequeueAsync(db, letter, now, cancellationToken))
        {
            // A workflow callback: it goes back to the completion queue, not the outbox.
            letter.ResolvedAt = now;
            letter.Resolution = $"Retried by {actor}";
            AdminAudit.Record(db, actor, "dead-letter.retry", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{letter.Connection} {letter.WriteType} {letter.IdempotencyKey}: {letter.Code}", now);
            await db.SaveChangesAsync(cancellationToken);
            return Results.Ok(View(letter, null));
        }

        var row = await db.Outbox.SingleOrDefaultAsync(o => o.IdempotencyKey == letter.IdempotencyKey, cancellationToken);
        if (retry)
        {
            if (row is null)
            {
                return Results.Problem($"The write of dead letter {id} is no longer in the outbox; it cannot be retried.", statusCode: StatusCodes.Status409Conflict);
            }

            row.State = OutboxState.Pending;
            row.AvailableAt = now;
            row.Attempts = 0;
            row.LastError = null;
            if (row.WriteType == WriteType.Email)
            {
                // The admin chose to send a message whose delivery was unknown: it goes out again. A CRM write keeps its
                // attempt, so it is still looked up by its sync key before it is created.
                row.AttemptedAt = null;
            }
        }

        letter.ResolvedAt = now;
        letter.Resolution = retry ? $"Retried by {actor}" : $"Discarded by {actor}";
        AdminAudit.Record(db, actor, retry ? "dead-letter.retry" : "dead-letter.discard", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{letter.Connection} {letter.WriteType} {letter.IdempotencyKey}: {letter.Code}", now);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(View(letter, row?.ContactCrmId));
    }

    private static async Task<IResult> MarkDeliveredAsync(long id, HttpContext context, CadenceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var letter = await db.DeadLetters.FindAsync([id], cancellationToken);
        if (letter is null)
        {
            return Results.Problem($"No dead letter {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (letter.ResolvedAt is not null)
        {
            return Results.Problem($"Dead letter {id} was already resolved: {letter.Resolution}.", statusCode: StatusCodes.Status409Conflict);
        }

        var row = await db.Outbox.SingleOrDefaultAsync(o => o.IdempotencyKey == letter.IdempotencyKey, cancellationToken);
        if (letter.Code != EmailWrites.DeliveryUnknown || row is not { WriteType: WriteType.Email })
        {
            return Results.Problem(
                $"Dead letter {id} is a {letter.WriteType} that failed with {letter.Code}; only an email whose delivery is unknown can be marked delivered (retry or discard it).",
                statusCode: StatusCodes.Status409Conflict);
        }

        // As if the relay had confirmed it: the message counts as sent, and the CRM gets its logged email once.
        var now = time.GetUtcNow();
        var actor = AdminActor.Of(context);
        row.State = OutboxState.Sent;
        row.SentAt = now;
        row.LastError = null;
        db.Outbox.Add(OutboxPayload.For(row.Connection, OutboxPayload.Email(row).Log with { DueAt = now }, row.EnrollmentId, now));
        letter.ResolvedAt = now;
        letter.Resolution = $"Marked delivered by {actor}";
        AdminAudit.Record(db, actor, "dead-letter.delivered", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{letter.Connection} {letter.WriteType} {letter.IdempotencyKey}: {letter.Code}", now);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(View(letter, row.ContactCrmId));
    }

    private static DeadLetterView View(DeadLetterEntity row, string? contact) =>
        new(row.Id, row.Connection, row.WriteType, row.IdempotencyKey, contact, row.Code, row.Reason, row.FailedAt, row.ResolvedAt, row.Resolution);
}
