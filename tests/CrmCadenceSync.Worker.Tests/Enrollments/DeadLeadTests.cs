using System.Text.Json;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Enrollments;

/// <summary>
/// Dead leads stop: a cadence run to its end with no engagement ends as NoResponse, and an enrollment held longer than
/// <c>Policies:MaxHeldDays</c> (shipped 7) exits as HeldTooLong and is counted on the admin page. A held enrollment stays
/// held, without churn, until a field its hold named changes.
/// </summary>
public sealed class DeadLeadTests
{
    private const string Hot = "hot-9-touch-14-day";

    /// <summary>The shipped quiz email does without the quiz answers; declared required, the challenge holds it again.</summary>
    private const string ChallengeRequired = "--Cadences:0:Steps:0:RequiredFields:0=contact.quiz_primary_challenge";

    [Fact]
    public async Task An_enrollment_that_finishes_its_last_step_with_no_engagement_ends_as_NoResponse()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contact = world.AddHubSpotContact(85, "Quiet");

        // Twice a day for four weeks: the nine touches of the 14-business-day Hot cadence all go out.
        for (var cycle = 0; cycle < 56; cycle++)
        {
            await world.RunCycleAsync();
            world.Time.Advance(TimeSpan.FromHours(12));
        }

        var row = await OnlyEnrollmentAsync(world);
        Assert.Equal(("Completed", "NoResponse"), (row.State, row.ExitReason));
        Assert.Equal(9, TasksOf(world, contact).Count);
    }

    [Fact]
    public async Task An_enrollment_held_longer_than_MaxHeldDays_exits_as_HeldTooLong_and_the_admin_page_counts_it()
    {
        await using var world = await SandboxWorld.StartAsync(ChallengeRequired);
        var contact = world.AddHubSpotContact(85, "Unanswered");
        world.ChangeHubSpotContact(contact, "quiz_primary_challenge", null);
        await world.RunCycleAsync();
        Assert.Equal(("Held", "Missing merge fields: contact.quiz_primary_challenge"), await StateAsync(world));

        // Held on Monday 10:00: still held six days and 23 hours later, exited at the first cycle after seven days.
        for (var hours = 12; hours < 7 * 24; hours += 12)
        {
            world.Time.Advance(TimeSpan.FromHours(12));
            await world.RunCycleAsync();
        }

        world.Time.Advance(TimeSpan.FromHours(11));
        await world.RunCycleAsync();
        Assert.Equal("Held", (await OnlyEnrollmentAsync(world)).State);
        world.Time.Advance(TimeSpan.FromHours(2));
        await world.RunCycleAsync();

        var row = await OnlyEnrollmentAsync(world);
        Assert.Equal(("Exited", "HeldTooLong"), (row.State, row.ExitReason));
        Assert.Empty(TasksOf(world, contact));
        Assert.Contains(NotesOf(world, contact), n => n.Contains("held for more than 7 days", StringComparison.Ordinal));

        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/enrollments", UriKind.Relative)));
            var admin = await client.GetStringAsync(new Uri("/admin/admin.js", UriKind.Relative));
            await app.StopAsync();

            Assert.Equal(1, page.RootElement.GetProperty("heldTooLong").GetInt32());
            Assert.Contains("page.heldTooLong", admin, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_held_enrollment_stays_held_through_re_reads_and_resumes_when_the_field_its_hold_named_is_filled()
    {
        await using var world = await SandboxWorld.StartAsync(ChallengeRequired);
        var contact = world.AddHubSpotContact(85, "Blank");
        world.ChangeHubSpotContact(contact, "quiz_primary_challenge", null);
        await world.RunCycleAsync();

        // Each cycle re-reads the contact (our own status write modified it, and then a rep edits its title).
        for (var cycle = 0; cycle < 4; cycle++)
        {
            world.Time.Advance(TimeSpan.FromHours(1));
            world.ChangeHubSpotContact(contact, "jobtitle", $"VP Sales {cycle}");
            await world.RunCycleAsync();
        }

        Assert.Equal(("Held", "Missing merge fields: contact.quiz_primary_challenge"), await StateAsync(world));
        Assert.Single(await world.QueryAsync(db => db.StepRuns.AsNoTracking().Where(r => r.Outcome == "Held").ToListAsync()));

        world.Time.Advance(TimeSpan.FromHours(1));
        world.ChangeHubSpotContact(contact, "quiz_primary_challenge", "pipeline visibility");
        await world.RunCycleAsync();
        await world.RunCycleAsync();

        Assert.Equal("Active", (await OnlyEnrollmentAsync(world)).State);
        Assert.Single(TasksOf(world, contact));
    }

    private static Task<EnrollmentEntity> OnlyEnrollmentAsync(SandboxWorld world) =>
        world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.CadenceId == Hot));

    private static async Task<(string State, string? HoldReason)> StateAsync(SandboxWorld world)
    {
        var row = await OnlyEnrollmentAsync(world);
        return (row.State, row.HoldReason);
    }

    private static List<HubSpotRecord> TasksOf(SandboxWorld world, long contact) =>
        [.. world.HubSpot.Portal.Records("tasks").Where(t => t.Associations.Any(a => a.ToContactId == contact))];

    private static List<string> NotesOf(SandboxWorld world, long contact) =>
        [.. world.HubSpot.Portal.Records("notes").Where(n => n.Associations.Any(a => a.ToContactId == contact)).Select(n => n.Properties.GetValueOrDefault("hs_note_body") ?? "")];
}
