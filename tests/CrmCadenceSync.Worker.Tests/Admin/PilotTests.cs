using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary>A pilot's daily limit on the real worker: the contacts over it stay unenrolled and enroll on later days.</summary>
public sealed class PilotTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(60, "--Pilot:MaxEnrollmentsPerDay=5");

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<List<DateTimeOffset>> SegmentEnrollmentsAsync() =>
        host.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.TriggerFieldsJson == null).Select(e => e.EnrolledAt).ToListAsync());

    [Fact]
    public async Task Contacts_over_the_daily_pilot_limit_stay_unenrolled_until_a_later_day()
    {
        var firstDay = await SegmentEnrollmentsAsync();
        await host.RunCycleAsync();
        var sameDay = await SegmentEnrollmentsAsync();
        var waiting = await host.QueryAsync(db => db.Contacts.CountAsync(c => c.LeadScore != null && !c.EmailOptOut && !c.EmailBounced
            && !db.Enrollments.Any(e => e.Connection == c.Connection && e.ContactCrmId == c.CrmId)));

        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.RunCycleAsync();
        var secondDay = await SegmentEnrollmentsAsync();

        Assert.Equal(5, firstDay.Count);
        Assert.Equal(5, sameDay.Count);
        Assert.True(waiting > 10, $"The sandbox should leave more than 10 scored contacts waiting (it left {waiting}).");
        Assert.Equal(10, secondDay.Count);
        Assert.Equal(5, secondDay.Count(at => at >= AdminHost.Start.AddDays(1)));
    }

    [Fact]
    public async Task The_preview_shows_the_pilot_holding_contacts_back()
    {
        using var client = host.Client();
        var definition = (await client.GetFromJsonAsync<JsonObject>("/api/rules"))!["definition"]!.AsObject();
        var open = definition.DeepClone().AsObject();
        open["Pilot"] = new JsonObject();
        var halved = definition.DeepClone().AsObject();
        halved["Pilot"] = new JsonObject { ["Percentage"] = 50 };
        var counts = await host.RowCountsAsync();

        var withoutPilot = (await (await client.PostAsJsonAsync("/api/rules/preview", open)).Content.ReadFromJsonAsync<JsonObject>())!["enrollments"]!;
        var daily = (await (await client.PostAsJsonAsync("/api/rules/preview", definition)).Content.ReadFromJsonAsync<JsonObject>())!;
        var half = (await (await client.PostAsJsonAsync("/api/rules/preview", halved)).Content.ReadFromJsonAsync<JsonObject>())!["enrollments"]!;

        var all = withoutPilot["wouldEnroll"]!.GetValue<int>();
        Assert.True(all > 10, $"More than 10 contacts should be waiting (preview says {all}).");
        Assert.Equal(0, withoutPilot["heldBackByPilot"]!.GetValue<int>());
        Assert.Equal(5, daily["pilot"]!["maxEnrollmentsPerDay"]!.GetValue<int>());
        Assert.Equal(all, daily["enrollments"]!["wouldEnroll"]!.GetValue<int>() + daily["enrollments"]!["heldBackByPilot"]!.GetValue<int>());
        Assert.Equal(all, half["wouldEnroll"]!.GetValue<int>() + half["heldBackByPilot"]!.GetValue<int>());
        Assert.InRange(half["wouldEnroll"]!.GetValue<int>(), 1, all - 1);
        Assert.Equal(counts, await host.RowCountsAsync());
    }
}
