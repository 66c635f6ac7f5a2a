using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Storage.Mapping;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmCadenceSync.Storage.Tests;

/// <summary>The same store on PostgreSQL: its own migrations, applied at start-up, and the same guarantees.</summary>
public sealed class PostgresStorageTests
{
    // PostgreSQL's unique_violation.
    private const string UniqueViolation = "23505";

    [PostgresFact]
    public async Task Start_up_applies_the_PostgreSQL_migrations_and_the_database_refuses_a_second_open_enrollment()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        await using var db = store.NewContext();

        Assert.IsType<PostgresCadenceDbContext>(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        db.Enrollments.Add(Open("101", "hot").ToEntity(1));
        await db.SaveChangesAsync();
        db.Enrollments.Add(Open("101", "warm").ToEntity(1));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [PostgresFact]
    public async Task Inbox_dedupe_and_instants_in_any_offset_behave_as_on_SQLite()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        var occurred = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-5));
        var item = new InboxItem(new InboundEvent("k1", "hubspot", InboundEventKind.ContactChanged, "101", occurred));

        var first = await store.Service<InboxWriter>().AppendAsync([item, item], default);
        var again = await store.Service<InboxWriter>().AppendAsync([item], default);

        await using var db = store.NewContext();
        var row = await db.InboxEvents.SingleAsync();
        Assert.Equal((1, 0), (first, again));
        Assert.Equal(occurred.UtcDateTime, row.OccurredAt.UtcDateTime);
        Assert.Equal(1, await db.InboxEvents.CountAsync(e => e.OccurredAt <= occurred.AddMinutes(1)));
    }

    private static Enrollment Open(string contact, string cadence) => new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = contact,
        Segment = "Hot",
        CadenceId = cadence,
        EnrolledAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };
}
