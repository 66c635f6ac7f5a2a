using CrmCadenceSync.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Hosting;

/// <summary>
/// Fills <see cref="Entities.ContactEntity.EmailKey"/> for snapshots stored before it existed. The key is computed in
/// .NET (a migration's SQL <c>lower()</c> is ASCII-only on SQLite), so it runs after the migrations, in chunks; each
/// contact's next change keeps it current from then on.
/// </summary>
internal static class ContactEmailKeys
{
    private const int Chunk = 1_000;

    public static async Task BackfillAsync(CadenceDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var rows = await db.Contacts.Where(c => c.Email != null && c.EmailKey == null).Take(Chunk).ToListAsync(cancellationToken);
            rows.ForEach(row => row.EmailKey = IdentityKey.Normalise(row.Email) ?? "");
            if (rows.Count == 0)
            {
                return;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
