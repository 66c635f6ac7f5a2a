using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Enrollments;

/// <summary><c>Policies:Reenroll</c> end to end: the worker gives the engine the contact's earlier enrollments.</summary>
public sealed class ReenrollTests
{
    [Fact]
    public async Task A_contact_who_replied_is_not_enrolled_in_the_same_cadence_again_a_hundred_days_later()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contact = world.AddHubSpotContact(85, "Replier");
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromHours(5));
        world.ChangeHubSpotContact(contact, "hs_sales_email_last_replied", HubSpotPortal.Iso(world.Time.GetUtcNow()));
        await world.RunCycleAsync();

        // A hundred days on the score changes (a rep re-scores the account): still Hot, but it answered this cadence.
        world.Time.Advance(TimeSpan.FromDays(100));
        world.ChangeHubSpotContact(contact, "hubspotscore", "90");
        await world.RunCycleAsync();

        var rows = await world.QueryAsync(db => db.Enrollments.AsNoTracking().Select(e => new { e.State, e.ExitReason }).ToListAsync());
        Assert.Equal([("Exited", "Replied")], rows.Select(r => (r.State, r.ExitReason)));
    }
}
