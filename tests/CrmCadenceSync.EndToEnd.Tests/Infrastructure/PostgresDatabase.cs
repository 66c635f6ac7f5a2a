using Npgsql;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>A fresh, empty database on the CI PostgreSQL server, dropped afterwards.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string admin;
    private readonly string name;

    private PostgresDatabase(string admin, string name)
    {
        this.admin = admin;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var name = $"ccs_e2e_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new PostgresDatabase(admin, name);
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds, asking again each time a statement changes one of
    /// <paramref name="tables"/> (a trigger notifies this connection), so a test waits on the workers' commits rather
    /// than on a timer.
    /// </summary>
    public async Task WaitForAsync(IReadOnlyList<string> tables, Func<NpgsqlConnection, Task<bool>> done, TimeSpan patience)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        const string Channel = "ccs_e2e_changed";
        var triggers = string.Concat(tables.Select(table =>
            $"""CREATE OR REPLACE TRIGGER {Channel} AFTER INSERT OR UPDATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {Channel}();"""));
        await using (var listen = new NpgsqlCommand(
            $"""
            CREATE OR REPLACE FUNCTION {Channel}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('{Channel}', ''); RETURN NULL; END $$;
            {triggers}
            LISTEN {Channel};
            """,
            connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(patience);
        while (!await done(connection))
        {
            await connection.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
