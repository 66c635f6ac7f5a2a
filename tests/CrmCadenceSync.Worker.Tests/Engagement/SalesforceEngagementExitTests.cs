using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Worker.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Engagement;

/// <summary>
/// Salesforce replies and meetings end a cadence with no custom reply or meeting field configured: an incoming
/// EmailMessage (or, when set to count, an email Task an integration logged) is a reply, an Event created after the
/// enrollment is a meeting. The sandbox org holds them as Enhanced Email and a calendar integration would.
/// </summary>
public sealed class SalesforceEngagementExitTests
{
    [Fact]
    public async Task A_lead_that_replies_by_email_exits_as_Replied_and_the_reply_time_feeds_the_metrics()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var replying = world.AddSalesforceLead("Rita");
        var control = world.AddSalesforceLead("Carl");
        await world.RunCycleAsync();
        Assert.Equal(("Active", null), await EnrollmentOfAsync(world, replying.Id));

        // A second cycle reads back our own status writes, so the lead itself is not changed when the reply comes.
        world.Time.Advance(TimeSpan.FromHours(1));
        await world.RunCycleAsync();
        var firstTouch = await world.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.ContactCrmId == replying.Id).Select(e => e.EnrolledAt).SingleAsync());
        world.Time.Advance(TimeSpan.FromHours(2));
        var repliedAt = TruncateToSeconds(world.Time.GetUtcNow());
        world.Salesforce.Org.AddIncomingEmail(replying.Id, Rep(world), repliedAt);
        var leadChangedAt = world.Salesforce.Org.Find(replying.Id)!.SystemModstamp;
        world.Time.Advance(TimeSpan.FromMinutes(10));
        world.Salesforce.Server.ResetLogEntries();
        await world.RunCycleAsync();

        Assert.Equal(("Exited", "Replied"), await EnrollmentOfAsync(world, replying.Id));
        Assert.Equal(("Active", null), await EnrollmentOfAsync(world, control.Id));
        Assert.True(leadChangedAt < repliedAt.AddHours(-2), "the lead record itself did not change with the reply");
        var outcome = await world.QueryAsync(db => db.EngagementOutcomes.AsNoTracking().SingleAsync(o => o.ContactCrmId == replying.Id && o.Kind == "Replied"));
        Assert.Equal(repliedAt, outcome.OccurredAt);

        // The lead was found through the email and read again by id, in one query.
        Assert.Single(Queries(world), q => q.Contains("FROM Lead WHERE Id IN", StringComparison.Ordinal) && q.Contains(replying.Id, StringComparison.Ordinal));

        // Time to first response counts it as it counts any reply.
        await using var scope = world.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<MetricsQuery>().ComputeAsync(CancellationToken.None);
        var figures = Assert.Single(report.Cadences, c => c.Figures.Replied > 0).Figures;
        Assert.Equal(1, figures.Replied);
        Assert.NotNull(figures.TimeToFirstResponse.AverageHours);
        Assert.InRange(figures.TimeToFirstResponse.AverageHours!.Value, 0.5, (repliedAt - firstTouch).TotalHours);
    }

    [Fact]
    public async Task A_lead_with_a_meeting_booked_after_enrollment_exits_as_MeetingBooked()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var booking = world.AddSalesforceLead("Mona");
        await world.RunCycleAsync();

        world.Time.Advance(TimeSpan.FromHours(3));
        world.Salesforce.Org.AddEvent(booking.Id, Rep(world), world.Time.GetUtcNow().AddDays(2), world.Time.GetUtcNow());
        world.Time.Advance(TimeSpan.FromMinutes(10));
        await world.RunCycleAsync();

        Assert.Equal(("Exited", "MeetingBooked"), await EnrollmentOfAsync(world, booking.Id));
    }

    [Fact]
    public async Task An_email_task_logged_by_an_email_integration_is_a_reply_when_email_tasks_are_set_to_count()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false", "--Connections:salesforce:EmailTaskReplies=Always");
        var replying = world.AddSalesforceLead("Tara");
        await world.RunCycleAsync();

        world.Time.Advance(TimeSpan.FromHours(2));
        world.Salesforce.Org.AddLoggedEmailTask(replying.Id, Rep(world), world.Time.GetUtcNow());
        world.Time.Advance(TimeSpan.FromMinutes(10));
        await world.RunCycleAsync();

        Assert.Equal(("Exited", "Replied"), await EnrollmentOfAsync(world, replying.Id));
    }

    [Fact]
    public async Task Outgoing_email_our_own_tasks_and_an_event_booked_before_enrollment_end_nothing()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var lead = world.AddSalesforceLead("Olga");
        var before = world.Time.GetUtcNow().AddDays(-3);
        world.Salesforce.Org.AddEvent(lead.Id, Rep(world), before.AddDays(1), before);
        await world.RunCycleAsync();
        Assert.Contains(world.Salesforce.Org.Tasks, t => (string?)t["WhoId"] == lead.Id && t[world.Salesforce.Org.Options.SyncKeyField] is not null);

        world.Time.Advance(TimeSpan.FromHours(2));
        world.Salesforce.Org.AddOutgoingEmail(Rep(world), lead.Id, world.Time.GetUtcNow());
        world.Time.Advance(TimeSpan.FromMinutes(10));
        world.Salesforce.Server.ResetLogEntries();
        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromDays(1));
        await world.RunCycleAsync();

        Assert.Equal(("Active", null), await EnrollmentOfAsync(world, lead.Id));
        Assert.Equal(0, await world.QueryAsync(db => db.EngagementOutcomes.CountAsync(o => o.Kind == "Replied" || o.Kind == "MeetingBooked")));

        // The outgoing email was looked at (it is on the lead), so "ends nothing" is a decision, not a query never sent.
        Assert.Contains(Queries(world), q => q.Contains("FROM EmailMessage", StringComparison.Ordinal));
    }

    private static List<string> Queries(SandboxWorld world) =>
        [.. world.Salesforce.Server.LogEntries
            .Where(e => e.RequestMessage!.Path.EndsWith("/query", StringComparison.Ordinal))
            .Select(e => e.RequestMessage!.Query!["q"].First())];

    private static string Rep(SandboxWorld world) => world.Salesforce.Org.Users[0].Id;

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static Task<(string State, string? Exit)> EnrollmentOfAsync(SandboxWorld world, string contact) =>
        world.QueryAsync(async db =>
        {
            var row = await db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == "salesforce" && e.ContactCrmId == contact);
            return (row.State, row.ExitReason);
        });
}
