using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Tests;

/// <summary>The database itself refuses what must never happen: two open enrollments, or one write queued twice.</summary>
public sealed class ConstraintTests
{
    // SQLITE_CONSTRAINT: the error a unique index raises.
    private const int SqliteConstraint = 19;

    private static Enrollment Open(string contact, string cadence) => new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = contact,
        Segment = "Hot",
        CadenceId = cadence,
        EnrolledAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };

    private static OutboxEntity Write(string key) => new()
    {
        Connection = "hubspot",
        IdempotencyKey = key,
        ContactCrmId = "101",
        WriteType = "Task",
        PayloadJson = "{}",
        State = "Pending",
    };

    [Fact]
    public async Task A_second_open_enrollment_for_the_same_contact_is_refused_by_the_database()
    {
        await using var store = await StoreHost.StartAsync();
        await using var db = store.NewContext();
        db.Enrollments.Add(Open("101", "hot").ToEntity(1));
        await db.SaveChangesAsync();

        db.Enrollments.Add(Open("101", "warm").ToEntity(1));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(SqliteConstraint, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
    }

    [Fact]
    public async Task Once_the_first_enrollment_ends_the_contact_can_be_enrolled_again()
    {
        await using var store = await StoreHost.StartAsync();
        await using var db = store.NewContext();
        var first = Open("101", "nurture");
        var row = first.ToEntity(1);
        db.Enrollments.Add(row);
        await db.SaveChangesAsync();

        first.Exit(ExitReason.MovedToAnotherCadence, first.EnrolledAt.AddDays(3)).CopyTo(row);
        db.Enrollments.Add(Open("101", "hot").ToEntity(1));
        await db.SaveChangesAsync();

        Assert.Equal(2, await db.Enrollments.CountAsync(e => e.ContactCrmId == "101"));
        Assert.Equal(1, await db.Enrollments.CountAsync(e => e.ContactCrmId == "101" && e.IsOpen));
    }

    [Fact]
    public async Task The_same_idempotency_key_cannot_be_queued_twice()
    {
        await using var store = await StoreHost.StartAsync();
        await using var db = store.NewContext();
        db.Outbox.Add(Write("enrollment-1:step-1:0"));
        await db.SaveChangesAsync();

        db.Outbox.Add(Write("enrollment-1:step-1:0"));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(SqliteConstraint, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
        db.ChangeTracker.Clear();
        Assert.Equal(1, await db.Outbox.CountAsync());
    }
}
