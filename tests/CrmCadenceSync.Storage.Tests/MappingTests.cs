using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Tests;

public sealed class MappingTests
{
    [Fact]
    public async Task A_contact_survives_the_round_trip_through_the_database()
    {
        await using var store = await StoreHost.StartAsync();
        var contact = new Contact
        {
            Connection = "salesforce",
            CrmId = "00Q000000000001",
            RecordType = ContactRecordType.Lead,
            Email = "grace@example.com",
            FirstName = "Grace",
            LeadScore = 69.99m,
            TimeZone = "america_slash_chicago",
            DoNotCall = true,
            LastRepliedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(-6)),
            UpdatedAt = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero),
            Properties = new Dictionary<string, string?> { ["quiz_timeline"] = "this quarter", ["Industry"] = null },
        };
        await using (var db = store.NewContext())
        {
            db.Contacts.Add(contact.ToEntity(store.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await using var read = store.NewContext();
        var loaded = (await read.Contacts.SingleAsync()).ToContact();

        Assert.Equal(contact with { Properties = loaded.Properties }, loaded);
        Assert.Equal("this quarter", loaded.Properties["QUIZ_TIMELINE"]);
        Assert.Null(loaded.Properties["industry"]);
        Assert.Equal(contact.LastRepliedAt!.Value.UtcDateTime, loaded.LastRepliedAt!.Value.UtcDateTime);
    }

    [Fact]
    public async Task Due_times_in_any_offset_compare_and_sort_as_instants()
    {
        await using var store = await StoreHost.StartAsync();
        var now = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
        await using (var db = store.NewContext())
        {
            db.Enrollments.AddRange(
                Row("tokyo", new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.FromHours(9))),   // 14:30 UTC
                Row("new-york", new DateTimeOffset(2026, 11, 23, 9, 45, 0, TimeSpan.FromHours(-5))), // 14:45 UTC
                Row("berlin", new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.FromHours(1))));  // 15:30 UTC
            await db.SaveChangesAsync();
        }

        await using var read = store.NewContext();
        var due = await read.Enrollments.Where(e => e.NextDueAt <= now).OrderBy(e => e.NextDueAt).Select(e => e.ContactCrmId).ToListAsync();

        Assert.Equal(["tokyo", "new-york"], due);
    }

    private static EnrollmentEntity Row(string contact, DateTimeOffset due) => new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = contact,
        Segment = "Hot",
        CadenceId = "hot",
        State = "Active",
        IsOpen = true,
        NextDueAt = due,
    };
}
