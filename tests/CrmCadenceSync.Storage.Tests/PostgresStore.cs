using Npgsql;

namespace CrmCadenceSync.Storage.Tests;

/// <summary>A fresh database on the CI PostgreSQL server, dropped afterwards.</summary>
public sealed class PostgresStore : IAsyncDisposable
{
    private readonly string adminConnectionString;
    private readonly string database;

    private PostgresStore(string adminConnectionString, string database, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        this.database = database;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresStore> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var database = $"ccs_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        return new PostgresStore(admin, database, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
