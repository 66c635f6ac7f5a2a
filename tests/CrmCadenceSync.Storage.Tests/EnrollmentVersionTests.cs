using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Tests;

/// <summary>
/// Writers of one enrollment that read it at the same version: the first save wins, the second fails instead of
/// overwriting (a due step written over an exit on a reply, an admin pause over a move).
/// </summary>
public sealed class EnrollmentVersionTests
{
    [Fact]
    public async Task On_SQLite_a_writer_holding_an_older_version_of_an_enrollment_fails_and_the_first_change_stays()
    {
        await using var store = await StoreHost.StartAsync();
        await SecondWriterLosesAsync(store);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_writer_holding_an_older_version_of_an_enrollment_fails_and_the_first_change_stays()
    {
        await using var database = await PostgresStore.CreateAsync();
        await using var store = await StoreHost.StartAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", database.ConnectionString));
        await SecondWriterLosesAsync(store);
    }

    private static async Task SecondWriterLosesAsync(StoreHost store)
    {
        var now = store.Time.GetUtcNow();
        var id = Guid.NewGuid();
        await using (var seed = store.NewContext())
        {
            seed.Enrollments.Add(new EnrollmentEntity
            {
                Id = id, Connection = "hubspot", ContactCrmId = "c1", Segment = "Hot", CadenceId = "hot", State = "Active", IsOpen = true,
                EnrolledAt = now, NextDueAt = now,
            });
            await seed.SaveChangesAsync();
        }

        await using var dueSteps = store.NewContext();
        await using var inbox = store.NewContext();
        var stepping = await dueSteps.Enrollments.SingleAsync(e => e.Id == id);
        var replying = await inbox.Enrollments.SingleAsync(e => e.Id == id);

        replying.State = "Exited";
        replying.IsOpen = false;
        replying.ExitReason = "Replied";
        await inbox.SaveChangesAsync();

        stepping.NextStepIndex = 1;
        stepping.NextDueAt = now.AddDays(1);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dueSteps.SaveChangesAsync());

        await using var check = store.NewContext();
        var stored = await check.Enrollments.AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal(("Exited", false, "Replied", 0, 1), (stored.State, stored.IsOpen, stored.ExitReason, stored.NextStepIndex, stored.Version));
    }
}
