using System.Text;
using Microsoft.Data.Sqlite;

namespace CrmCadenceSync.Worker.Tests;

/// <summary>
/// Every row of every table in a SQLite store, read through <c>sqlite_master</c> rather than the EF model, so a table
/// someone adds later is read too.
/// </summary>
internal static class StoreScan
{
    public sealed record Cell(string Table, string Column, string Value);

    /// <summary>Every non-null value, as text, with its table and column.</summary>
    public static async Task<List<Cell>> CellsAsync(string databaseFile)
    {
        var cells = new List<Cell>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        foreach (var table in await TablesAsync(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        var value = reader.GetValue(i);
                        cells.Add(new Cell(table, reader.GetName(i), value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>The whole store as one text, table by table in row order, to show that a request changed nothing.</summary>
    public static async Task<string> DumpAsync(string databaseFile)
    {
        var text = new StringBuilder();
        foreach (var cell in await CellsAsync(databaseFile))
        {
            text.Append(cell.Table).Append('.').Append(cell.Column).Append('=').AppendLine(cell.Value);
        }

        return text.ToString();
    }

    public static async Task<List<string>> TablesAsync(SqliteConnection connection)
    {
        var tables = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
