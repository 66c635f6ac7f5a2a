using System.Data.Common;
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
/// <c>INSERT … ON CONFLICT DO NOTHING</c> (SQLite and PostgreSQL both have it): the unique
/// index does the deduplication, so there is no read-then-write race and no per-row command or change tracking on
/// the webhook path.
/// </summary>
public sealed class InboxWriter(CadenceDbContext db, TimeProvider time)
{
    /// <summary>
    /// Rows per statement. SQLite runs in-process, so one prepared single-row statement re-run per row is cheapest (a
    /// wide statement pays for binding parameters by name, a search per parameter); a server saves round trips with
    /// multi-row statements.
    /// </summary>
    private int RowsPerStatement => db.Database.IsSqlite() ? 1 : 25;

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
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Several statements commit together, as one SaveChanges did.
            var owned = db.Database.CurrentTransaction is null && rows.Count > 1 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await using (owned)
            {
                var stored = 0;
                DbCommand? command = null;
                try
                {
                    foreach (var chunk in rows.Chunk(RowsPerStatement))
                    {
                        if (command?.Parameters.Count != chunk.Length * columns.Count)
                        {
                            await DisposeAsync(command);
                            command = Insert(chunk.Length, columns);
                        }

                        Bind(command, chunk, columns);
                        stored += await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
                finally
                {
                    await DisposeAsync(command);
                }

                if (owned is not null)
                {
                    await owned.CommitAsync(cancellationToken);
                }

                return stored;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>An <c>INSERT … ON CONFLICT DO NOTHING</c> for <paramref name="rowCount"/> rows; re-run with new values it stays prepared.</summary>
    private DbCommand Insert(int rowCount, IReadOnlyList<Column> columns)
    {
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(InboxEventEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder("INSERT INTO ").Append(sqlHelper.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sqlHelper.DelimitIdentifier(c.Property.GetColumnName(table)!)))
            .Append(") VALUES ");
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                // Each column's own type mapping makes the parameter: the provider's type and value conversion.
                var name = sqlHelper.GenerateParameterName("p" + ((r * columns.Count) + c).ToString(CultureInfo.InvariantCulture));
                sql.Append(c == 0 ? "" : ", ").Append(name);
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(" ON CONFLICT (")
            .Append(sqlHelper.DelimitIdentifier(ColumnName(entity, nameof(InboxEventEntity.Connection), table)))
            .Append(", ")
            .Append(sqlHelper.DelimitIdentifier(ColumnName(entity, nameof(InboxEventEntity.DedupeKey), table)))
            .Append(") DO NOTHING")
            .ToString();
        return command;
    }

    private static void Bind(DbCommand command, InboxEventEntity[] rows, IReadOnlyList<Column> columns)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].Getter.GetClrValueUsingContainingEntity(rows[r]);
                command.Parameters[(r * columns.Count) + c].Value =
                    value is null ? DBNull.Value : columns[c].Mapping.Converter?.ConvertToProvider(value) ?? value;
            }
        }
    }

    private static async ValueTask DisposeAsync(DbCommand? command)
    {
        if (command is not null)
        {
            await command.DisposeAsync();
        }
    }

    /// <summary>Every mapped column but the generated key, in model order, with how to read and convert it.</summary>
    private IReadOnlyList<Column> InsertColumns() =>
        [.. db.Model.FindEntityType(typeof(InboxEventEntity))!.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => new Column(p, p.GetRelationalTypeMapping(), p.GetGetter()))];

    private static string ColumnName(IEntityType entity, string property, StoreObjectIdentifier table) =>
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

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter);
}
