using CrmCadenceSync.Mocks;
using CrmCadenceSync.Mocks.Salesforce.State;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Engagement;

/// <summary>
/// Replies by kind against the Salesforce sandbox, which keeps each incoming EmailMessage's subject, text and raw headers
/// as Enhanced Email does: an out-of-office pauses the cadence until the return day it names (in the contact's zone) and
/// counts as no reply; a person's answer ends it; "no longer with the company" and "please remove me" end it too.
/// </summary>
public sealed class ReplyKindEndToEndTests
{
    [Fact]
    public async Task An_out_of_office_pauses_until_the_return_day_while_a_human_reply_exits()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var away = world.AddSalesforceLead("Otto");
        var answering = world.AddSalesforceLead("Hanna");
        var gone = world.AddSalesforceLead("Lena");
        var leaving = world.AddSalesforceLead("Uwe");
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromHours(1));
        await world.RunCycleAsync();

        world.Time.Advance(TimeSpan.FromHours(2));
        var repliedAt = Seconds(world.Time.GetUtcNow());
        var rep = world.Salesforce.Org.Users[0].Id;
        world.Salesforce.Org.AddReply(away.Id, rep, repliedAt, SandboxReplies.OutOfOfficeEnglish);
        world.Salesforce.Org.AddReply(answering.Id, rep, repliedAt, SandboxReplies.HumanEnglish);
        world.Salesforce.Org.AddReply(gone.Id, rep, repliedAt, SandboxReplies.LeftCompanyEnglish);
        world.Salesforce.Org.AddReply(leaving.Id, rep, repliedAt, SandboxReplies.UnsubscribeGerman);
        world.Time.Advance(TimeSpan.FromMinutes(10));
        await world.RunCycleAsync();

        var paused = await RowAsync(world, away.Id);
        Assert.Equal(("Active", null), (paused.State, paused.ExitReason));
        Assert.Equal(("Exited", "Replied"), await ExitOfAsync(world, answering.Id));
        Assert.Equal(("Exited", "LeftCompany"), await ExitOfAsync(world, gone.Id));
        Assert.Equal(("Exited", "OptedOut:reply"), await ExitOfAsync(world, leaving.Id));
        Assert.Equal(true, world.Salesforce.Org.Find(leaving.Id)!["HasOptedOutOfEmail"]);
        Assert.Equal(false, world.Salesforce.Org.Find(answering.Id)!["HasOptedOutOfEmail"]);

        // "I am back on 14 January": the start of that day in the contact's zone (the owner's, the lead having none).
        var zone = TimeZoneInfo.FindSystemTimeZoneById((string)world.Salesforce.Org.Users[0]["TimeZoneSidKey"]!);
        var backAt = new DateTimeOffset(new DateTime(2027, 1, 14), zone.GetUtcOffset(new DateTime(2027, 1, 14)));
        Assert.Equal(repliedAt, paused.AutoReplyAt);
        Assert.Equal(backAt, paused.PausedUntil);
        Assert.True(paused.NextDueAt >= backAt, $"next touch {paused.NextDueAt:O} comes after the return {backAt:O}");

        // The auto-reply is no reply in the metrics; the human one is.
        var replies = await world.QueryAsync(db => db.EngagementOutcomes.AsNoTracking().Where(o => o.Kind == "Replied").Select(o => o.ContactCrmId).ToListAsync());
        Assert.DoesNotContain(away.Id, replies);
        Assert.Contains(answering.Id, replies);

        // Cycles before the return day write nothing for the paused lead, and the same auto-reply is not handled twice.
        var tasksBefore = TasksOf(world, away.Id);
        for (var day = 0; day < 5; day++)
        {
            world.Time.Advance(TimeSpan.FromDays(1));
            await world.RunCycleAsync();
        }

        Assert.Equal(tasksBefore, TasksOf(world, away.Id));
        Assert.Equal(("Active", null), await ExitOfAsync(world, away.Id));

        // Once back, the cadence picks up; a later answer from the person ends it.
        world.Time.Advance(backAt.AddDays(1).AddHours(12) - world.Time.GetUtcNow());
        await world.RunCycleAsync();
        Assert.True(TasksOf(world, away.Id) > tasksBefore, "the cadence resumed after the return day");

        world.Salesforce.Org.AddReply(away.Id, rep, Seconds(world.Time.GetUtcNow()), SandboxReplies.HumanEnglish);
        world.Time.Advance(TimeSpan.FromMinutes(10));
        await world.RunCycleAsync();
        Assert.Equal(("Exited", "Replied"), await ExitOfAsync(world, away.Id));
    }

    [Fact]
    public async Task HubSpot_an_out_of_office_engagement_pauses_in_the_contacts_zone_and_a_human_one_exits()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var away = world.AddHubSpotContact(85, "Greta");
        var answering = world.AddHubSpotContact(85, "Pablo");
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromHours(1));
        await world.RunCycleAsync();

        world.Time.Advance(TimeSpan.FromHours(2));
        var repliedAt = Seconds(world.Time.GetUtcNow());
        world.HubSpot.Portal.AddIncomingEmail(away, SandboxReplies.OutOfOfficeGerman, repliedAt);
        world.HubSpot.Portal.AddIncomingEmail(answering, SandboxReplies.HumanEnglish, repliedAt);
        world.Time.Advance(TimeSpan.FromMinutes(10));
        await world.RunCycleAsync();

        var paused = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == "hubspot" && e.ContactCrmId == Id(away)));
        var exited = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == "hubspot" && e.ContactCrmId == Id(answering)));
        Assert.Equal(("Active", null), (paused.State, paused.ExitReason));
        Assert.Equal(("Exited", "Replied"), (exited.State, exited.ExitReason));

        // "Ab dem 14. Januar wieder im Büro", read in the contact's zone (America/New_York): midnight there.
        Assert.Equal(new DateTimeOffset(2027, 1, 14, 5, 0, 0, TimeSpan.Zero), paused.PausedUntil!.Value.ToUniversalTime());
        Assert.True(paused.NextDueAt >= paused.PausedUntil);
        var replies = await world.QueryAsync(db => db.EngagementOutcomes.AsNoTracking().Where(o => o.Kind == "Replied").Select(o => o.ContactCrmId).ToListAsync());
        Assert.Equal([Id(answering)], replies);
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int TasksOf(SandboxWorld world, string who) =>
        world.Salesforce.Org.Tasks.Count(t => (string?)t["WhoId"] == who && t[world.Salesforce.Org.Options.SyncKeyField] is not null);

    private static DateTimeOffset Seconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static Task<Storage.Entities.EnrollmentEntity> RowAsync(SandboxWorld world, string contact) =>
        world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == "salesforce" && e.ContactCrmId == contact));

    private static async Task<(string State, string? Exit)> ExitOfAsync(SandboxWorld world, string contact)
    {
        var row = await RowAsync(world, contact);
        return (row.State, row.ExitReason);
    }
}
