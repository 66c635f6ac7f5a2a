using CrmCadenceSync.Core.Enrollments;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CrmCadenceSync.Worker.Tests.Rules;

/// <summary>
/// The shipped rules on a portal that never ran the qualification quiz: the hot cadence still runs for high scores,
/// because its templates say something else when a quiz answer is absent, and almost no enrollment is held.
/// </summary>
public sealed class NoQuizPortalTests(ITestOutputHelper output)
{
    private const string Hot = "hot-9-touch-14-day";

    [Fact]
    public async Task On_a_portal_without_quiz_answers_at_most_5_percent_of_enrolled_contacts_end_up_held()
    {
        await using var world = await SandboxWorld.StartAsync(hubSpot =>
        {
            hubSpot.Contacts = 300;
            hubSpot.WithQuizAnswers = false;
        });
        Assert.DoesNotContain(world.HubSpot.Portal.Records("contacts"), c => c.Properties.Keys.Any(k => k.StartsWith("quiz_", StringComparison.Ordinal)));

        // Twice a day for three weeks: past the hot cadence's 14 business days and the 7 days a hold may last.
        for (var cycle = 0; cycle < 42; cycle++)
        {
            await world.RunCycleAsync();
            world.Time.Advance(TimeSpan.FromHours(12));
        }

        var rows = await world.QueryAsync(db => db.Enrollments.AsNoTracking()
            .Select(e => new { e.Id, e.CadenceId, e.State, e.ExitReason, e.HoldReason })
            .ToListAsync());
        var everHeld = (await world.QueryAsync(db => db.StepRuns.AsNoTracking().Where(r => r.Outcome == "Held").Select(r => r.EnrollmentId).Distinct().ToListAsync()))
            .ToHashSet();
        var written = (await world.QueryAsync(db => db.StepRuns.AsNoTracking().Where(r => r.Outcome == "Written").Select(r => r.EnrollmentId).Distinct().ToListAsync()))
            .ToHashSet();
        var endedHeld = rows.Where(r => r.State == nameof(EnrollmentState.Held) || r.ExitReason == nameof(ExitReason.HeldTooLong)).ToList();
        var hot = rows.Where(r => r.CadenceId == Hot).ToList();
        output.WriteLine(
            $"enrolled {rows.Count}, ended up held {endedHeld.Count} ({100.0 * endedHeld.Count / rows.Count:0.0}%), ever held {everHeld.Count}; " +
            $"hot enrolled {hot.Count}, hot ended up held {endedHeld.Count(r => r.CadenceId == Hot)}, hot with a step written {hot.Count(r => written.Contains(r.Id))}");
        foreach (var reason in endedHeld.GroupBy(r => r.HoldReason ?? r.ExitReason))
        {
            output.WriteLine($"  {reason.Count()} x {reason.Key}");
        }

        Assert.True(hot.Count >= 20, $"The seeded portal should give the hot cadence enough contacts to judge ({hot.Count}).");
        Assert.True(endedHeld.Count * 20 <= rows.Count, $"{endedHeld.Count} of {rows.Count} enrolled contacts ended up held.");
    }
}
