using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Retention;

/// <summary>
/// Erases what the worker holds about a contact the CRM deleted (HubSpot deletion or privacy deletion, Salesforce
/// delete): the snapshot keeps only its ids, flags and score (so a late, older change cannot bring it back, and the
/// metrics stay); queued writes are withdrawn so nothing more is sent for it; payloads, dead letters, inbox JSON and
/// audit details lose the personal content. Runs inside the transaction that applies the deletion.
/// </summary>
public sealed partial class ContactErasure(CadenceDbContext db, TimeProvider time, ILogger<ContactErasure> logger)
{
    public const string WithdrawnReason = "The contact was deleted in the CRM; its personal data was erased.";

    public async Task EraseAsync(IReadOnlyCollection<(string Connection, string CrmId)> contacts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (connection, crmId) in contacts.Distinct())
        {
            await EraseAsync(connection, crmId, now, cancellationToken);
            LogErased(connection, crmId);
        }
    }

    private async Task EraseAsync(string connection, string crmId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Its words as they appear in free text (audit details, trigger fields), read before the snapshot is blanked.
        var snapshot = await db.Contacts.AsNoTracking().Where(c => c.Connection == connection && c.CrmId == crmId)
            .Select(c => new { c.Email, c.FirstName, c.LastName })
            .FirstOrDefaultAsync(cancellationToken);
        // Email and full name only: a first name alone would also match other people's words.
        List<string> words = snapshot is null ? [] : [.. new[] { snapshot.Email, JoinName(snapshot.FirstName, snapshot.LastName) }
            .OfType<string>().Where(w => w.Length >= 3).Distinct(StringComparer.Ordinal)];

        await db.Contacts.Where(c => c.Connection == connection && c.CrmId == crmId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Email, (string?)null)
            .SetProperty(c => c.EmailKey, (string?)null)
            .SetProperty(c => c.FirstName, (string?)null)
            .SetProperty(c => c.LastName, (string?)null)
            .SetProperty(c => c.Company, (string?)null)
            .SetProperty(c => c.Title, (string?)null)
            .SetProperty(c => c.Country, (string?)null)
            .SetProperty(c => c.TimeZone, (string?)null)
            .SetProperty(c => c.PropertiesJson, "{}")
            .SetProperty(c => c.IsDeleted, true), cancellationToken);

        var writes = db.Outbox.Where(o => o.Connection == connection && o.ContactCrmId == crmId);
        await db.DeadLetters.Where(d => d.Connection == connection && writes.Any(o => o.IdempotencyKey == d.IdempotencyKey)).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.PayloadJson, ErasedPayload.Json)
            .SetProperty(d => d.Reason, ErasedPayload.Text)
            .SetProperty(d => d.Resolution, d => d.ResolvedAt == null ? "Contact deleted in the CRM" : d.Resolution)
            .SetProperty(d => d.ResolvedAt, d => d.ResolvedAt ?? now), cancellationToken);
        await writes.Where(o => o.State == OutboxState.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.State, OutboxState.Withdrawn)
            .SetProperty(o => o.SentAt, now)
            .SetProperty(o => o.LastError, WithdrawnReason), cancellationToken);
        await writes.ExecuteUpdateAsync(s => s
            .SetProperty(o => o.PayloadJson, ErasedPayload.Json)
            .SetProperty(o => o.LastError, o => o.LastError == null ? null : WithdrawnReason), cancellationToken);

        await db.InboxEvents.Where(e => e.Connection == connection && e.ContactCrmId == crmId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.ContactJson, (string?)null)
            .SetProperty(e => e.PropertyValue, (string?)null)
            .SetProperty(e => e.LastError, (string?)null), cancellationToken);
        await db.Enrollments.Where(e => e.Connection == connection && e.ContactCrmId == crmId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.TriggerFieldsJson, (string?)null), cancellationToken);

        foreach (var word in words)
        {
            foreach (var row in await db.AdminAudit.Where(a => a.Detail != null && a.Detail.Contains(word)).ToListAsync(cancellationToken))
            {
                row.Detail = row.Detail!.Replace(word, ErasedPayload.Text, StringComparison.Ordinal);
            }

            foreach (var row in await db.TriggerEvents.Where(t => t.FieldsJson.Contains(word)).ToListAsync(cancellationToken))
            {
                row.FieldsJson = row.FieldsJson.Replace(word, ErasedPayload.Text, StringComparison.Ordinal);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? JoinName(string? first, string? last) =>
        first is null || last is null ? null : $"{first} {last}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {Connection}/{CrmId} was deleted in the CRM: its personal data is erased and its queued writes withdrawn")]
    private partial void LogErased(string connection, string crmId);
}
