using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Identity;

/// <summary>
/// Finds the same person's records in the other connections (from the local contact snapshots, a few queries per batch)
/// and copies the status writes staged for a primary record onto its linked records.
/// </summary>
public sealed class IdentityLinks(CadenceDbContext db, IOptions<IdentityOptions> options, IConfiguration configuration)
{
    private static readonly IReadOnlyList<LinkedTwin> NoTwins = [];

    private readonly IdentityOptions settings = options.Value;

    private readonly Dictionary<Guid, EnrollmentEntity> openRows = [];

    /// <summary>Whether linking applies: on, over more than one enabled connection.</summary>
    public bool Enabled { get; } = options.Value.Links(ConfiguredConnection.Enabled(configuration).Count);

    public string Primary => settings.Primary;

    public bool IsPrimary(string connection) => string.Equals(connection, settings.Primary, StringComparison.Ordinal);

    /// <summary>The linked records of each of one connection's contacts, keyed by the contact's CRM id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LinkedTwin>>> TwinsAsync(
        string connection, IEnumerable<Contact> contacts, CancellationToken cancellationToken)
    {
        var keys = contacts
            .Select(c => (c.CrmId, Key: IdentityKey.Of(c, settings.MatchBy)))
            .Where(c => c.Key is not null)
            .ToList();
        if (!Enabled || keys.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<LinkedTwin>>(StringComparer.Ordinal);
        }

        var byKey = await OthersByKeyAsync(connection, [.. keys.Select(k => k.Key!).Distinct(StringComparer.Ordinal)], cancellationToken);
        return keys
            .Where(k => byKey.ContainsKey(k.Key!))
            .GroupBy(k => k.CrmId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => byKey[g.First().Key!], StringComparer.Ordinal);
    }

    /// <summary>The stored row of a twin's open enrollment found by <see cref="TwinsAsync"/> (its next due time, its rule-set version).</summary>
    public EnrollmentEntity RowOf(Guid enrollmentId) => openRows[enrollmentId];

    public static IReadOnlyList<LinkedTwin> Of(IReadOnlyDictionary<string, IReadOnlyList<LinkedTwin>> twins, string crmId) =>
        twins.GetValueOrDefault(crmId) ?? NoTwins;

    /// <summary>
    /// Every status write staged (not yet saved) for a primary record is also staged for its linked records, so both CRMs
    /// show the one cadence's status. <see cref="StatusMirrorInterceptor"/> calls it before every save, whatever staged
    /// the write.
    /// </summary>
    public async Task MirrorStagedStatusesAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        // Rows added through the DbSet are tracked as Added already: no need to scan every tracked entity for changes.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        List<OutboxEntity> staged;
        try
        {
            staged = [.. db.ChangeTracker.Entries<OutboxEntity>()
                .Where(e => e.State == EntityState.Added && e.Entity.WriteType == WriteType.ContactStatus && IsPrimary(e.Entity.Connection))
                .Select(e => e.Entity)];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        if (staged.Count == 0)
        {
            return;
        }

        // Snapshots staged in this batch are not in the store yet: the tracked ones come first.
        var ids = staged.Select(s => s.ContactCrmId).ToHashSet(StringComparer.Ordinal);
        var primaries = db.Contacts.Local.Where(c => c.Connection == settings.Primary && ids.Contains(c.CrmId)).ToList();
        ids.ExceptWith(primaries.Select(p => p.CrmId));
        primaries.AddRange(await db.Contacts.AsNoTracking()
            .Where(c => c.Connection == settings.Primary && ids.Contains(c.CrmId))
            .ToListAsync(cancellationToken));
        var twins = await TwinsAsync(settings.Primary, primaries.Select(p => p.ToContact()), cancellationToken);
        foreach (var row in staged)
        {
            foreach (var twin in Of(twins, row.ContactCrmId))
            {
                var status = OutboxPayload.Status(row);
                db.Outbox.Add(OutboxPayload.For(
                    twin.Contact.Connection,
                    status with
                    {
                        IdempotencyKey = $"{status.IdempotencyKey}:{twin.Contact.Connection}:{twin.Contact.CrmId}",
                        ContactCrmId = twin.Contact.CrmId,
                        ContactRecordType = twin.Contact.RecordType,
                    },
                    row.EnrollmentId,
                    row.CreatedAt));
            }
        }
    }

    private async Task<Dictionary<string, IReadOnlyList<LinkedTwin>>> OthersByKeyAsync(
        string connection, List<string> keys, CancellationToken cancellationToken)
    {
        // Matched on the key stored with each snapshot (computed in .NET), not on the database's lower().
        var others = await db.Contacts.AsNoTracking()
            .Where(c => c.Connection != connection && c.EmailKey != null && !c.IsDeleted && c.MergedIntoCrmId == null
                && keys.Contains(c.EmailKey))
            .ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<LinkedTwin>>(StringComparer.Ordinal);
        }

        var otherIds = others.Select(o => o.CrmId).Distinct(StringComparer.Ordinal).ToList();
        var open = (await db.Enrollments.AsNoTracking()
                .Where(e => e.IsOpen && otherIds.Contains(e.ContactCrmId))
                .ToListAsync(cancellationToken))
            .ToLookup(e => (e.Connection, e.ContactCrmId));
        foreach (var row in open.SelectMany(g => g))
        {
            openRows[row.Id] = row;
        }

        return others
            .Select(o => o.ToContact())
            .Where(o => IdentityKey.Of(o, settings.MatchBy) is not null)
            .GroupBy(o => IdentityKey.Of(o, settings.MatchBy)!, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<LinkedTwin>)[.. g
                    .Select(o => new LinkedTwin(o, IsPrimary(o.Connection), open[(o.Connection, o.CrmId)].FirstOrDefault()?.ToEnrollment()))
                    .OrderByDescending(t => t.OpenEnrollment is not null)
                    .ThenBy(t => t.Contact.Connection, StringComparer.Ordinal)
                    .ThenBy(t => t.Contact.CrmId, StringComparer.Ordinal)],
                StringComparer.Ordinal);
    }
}
