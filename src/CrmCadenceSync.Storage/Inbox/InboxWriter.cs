using System.Globalization;
using System.Text;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmCadenceSync.Storage.Inbox;

/// <summary>
/// Stores inbound changes durably, each dedupe key once per connection, and commits before returning.
/// One multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> per chunk (SQLite and PostgreSQL both have it): the unique
/// index does the deduplication, so there is no read-then-write race and no per-row command or change tracking on
/// the webhook path.
/// </summary>
public sealed class InboxWriter(CadenceDbContext db, TimeProvider time)
{
    /// <summary>
    /// Rows per statement: Microsoft.Data.Sqlite binds parameters by name with a linear search, so very wide
    /// statements cost more than they save.
    /// </summary>
    private const int RowsPerStatement = 25;

    /// <returns>How many items were new; redeliveries of stored items are not stored again.</returns>
    public async Task<int> AppendAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = items.DistinctBy(i => (i.Event.Connection, i.Event.DedupeKey)).Select(i => ToEntity(i, now)).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var columns = InsertColumns();
        if (rows.Count <= RowsPerStatement)
        {
            return await InsertAsync(rows, columns, cancellationToken);
        }

        // Several statements commit together, as one SaveChanges did.
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (owned)
        {
            var stored = 0;
            foreach (var chunk in rows.Chunk(RowsPerStatement))
            {
                stored += await InsertAsync(chunk, columns, cancellationToken);
            }

            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            return stored;
        }
    }

    private async Task<int> InsertAsync(IReadOnlyList<InboxEventEntity> rows, IReadOnlyList<IProperty> columns, CancellationToken cancellationToken)
    {
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(InboxEventEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
            var getters = columns.Select(c => c.GetGetter()).ToArray();
            var sql = new StringBuilder("INSERT INTO ").Append(sqlHelper.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
                .AppendJoin(", ", columns.Select(c => sqlHelper.DelimitIdentifier(c.GetColumnName(table)!)))
                .Append(") VALUES ");
            for (var r = 0; r < rows.Count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    // Each column's own type mapping makes the parameter: the provider's type and value conversion.
                    var name = sqlHelper.GenerateParameterName("p" + ((r * columns.Count) + c).ToString(CultureInfo.InvariantCulture));
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    command.Parameters.Add(mappings[c].CreateParameter(command, name, getters[c].GetClrValueUsingContainingEntity(rows[r]), columns[c].IsNullable));
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(" ON CONFLICT (")
                .Append(sqlHelper.DelimitIdentifier(Column(entity, nameof(InboxEventEntity.Connection), table)))
                .Append(", ")
                .Append(sqlHelper.DelimitIdentifier(Column(entity, nameof(InboxEventEntity.DedupeKey), table)))
                .Append(") DO NOTHING")
                .ToString();
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every mapped column but the generated key, in model order.</summary>
    private IReadOnlyList<IProperty> InsertColumns() =>
        [.. db.Model.FindEntityType(typeof(InboxEventEntity))!.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never)];

    private static string Column(IEntityType entity, string property, StoreObjectIdentifier table) =>
        entity.FindProperty(property)!.GetColumnName(table)!;

    private static InboxEventEntity ToEntity(InboxItem item, DateTimeOffset now) => new()
    {
        Connection = item.Event.Connection,
        DedupeKey = item.Event.DedupeKey,
        Kind = item.Event.Kind.ToString(),
        ContactCrmId = item.Event.ContactCrmId,
        OccurredAt = item.Event.OccurredAt,
        PropertyName = item.Event.PropertyName,
        PropertyValue = item.Event.PropertyValue,
        MergedIntoCrmId = item.Event.MergedIntoCrmId,
        ContactJson = item.Contact is null ? null : ContactJson.Serialize(item.Contact),
        ReceivedAt = now,
        AvailableAt = now,
    };
}
