using System.Text.Json;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary><c>GET /api/enrollments/held</c> and the admin page: held enrollments grouped by reason, field, cadence and step, with the fix.</summary>
public sealed class HeldGroupTests
{
    [Fact]
    public async Task Held_enrollments_are_grouped_by_reason_field_and_step_with_the_fix_that_lifts_them()
    {
        await using var world = await SandboxWorld.StartAsync("--Cadences:0:Steps:0:RequiredFields:0=contact.quiz_timeline");
        foreach (var name in new[] { "Undated", "Unhurried" })
        {
            world.ChangeHubSpotContact(world.AddHubSpotContact(85, name), "quiz_timeline", null);
        }

        world.ChangeHubSpotContact(world.AddHubSpotContact(55, "Ownerless"), "hubspot_owner_id", null);
        world.AddHubSpotContact(85, "Answered");
        await world.RunCycleAsync();

        var app = await world.StartServiceAsync();
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var held = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/enrollments/held", UriKind.Relative)));
            var page = await client.GetStringAsync(new Uri("/admin/admin.js", UriKind.Relative));
            await app.StopAsync();

            Assert.Equal(3, held.RootElement.GetProperty("total").GetInt32());
            var groups = held.RootElement.GetProperty("groups").EnumerateArray()
                .Select(g => (
                    Reason: g.GetProperty("reason").GetString(), Field: g.GetProperty("field").GetString(), Cadence: g.GetProperty("cadence").GetString(),
                    Step: g.GetProperty("step").GetInt32(), StepId: g.GetProperty("stepId").GetString(), Count: g.GetProperty("count").GetInt32(),
                    Fix: g.GetProperty("fix").GetString()))
                .ToList();
            Assert.Equal(
                [
                    ("Missing merge field", "contact.quiz_timeline", "hot-9-touch-14-day", 1, "quiz-follow-up-email", 2,
                        "Add the property quiz_timeline to these contacts in the CRM, or take contact.quiz_timeline out of RequiredFields in step 1 ('quiz-follow-up-email') of cadence 'hot-9-touch-14-day' and give it a fallback there."),
                    ("The contact has no owner to assign tasks to", "owner", "warm-6-touch", 1, "intro-email", 1,
                        "Assign an owner to these contacts in the CRM; the enrollment resumes at the next read."),
                ],
                groups);
            Assert.Contains("/api/enrollments/held", page, StringComparison.Ordinal);
            Assert.Contains("group.fix", page, StringComparison.Ordinal);
        }
    }
}
