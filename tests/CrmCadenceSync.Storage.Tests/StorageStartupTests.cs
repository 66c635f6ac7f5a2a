using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Storage.Tests;

public sealed class StorageStartupTests
{
    [Fact]
    public async Task Start_up_creates_the_file_under_data_applies_the_migrations_and_turns_on_WAL()
    {
        await using var store = await StoreHost.StartAsync();
        await using var db = store.NewContext();

        Assert.True(File.Exists(Path.Combine(store.Folder, "data", "crmcadencesync.db")));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToAsyncEnumerable().SingleAsync());
    }

    [Fact]
    public async Task An_unknown_provider_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => StoreHost.StartAsync(("Storage:Provider", "Oracle")));

        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_connection_string_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StoreHost.StartAsync(("Storage:ConnectionString", "")));

        Assert.Contains("Storage:ConnectionString is required.", error.Message, StringComparison.Ordinal);
    }
}
