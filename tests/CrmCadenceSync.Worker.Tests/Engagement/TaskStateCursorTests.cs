using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Engagement;

/// <summary>
/// A busy portal: more of our tasks are open than one poll asks about. A completion on the newest task must still be
/// seen within a bounded number of polls, not hidden behind the same oldest tasks read again on every poll.
/// </summary>
public sealed class TaskStateCursorTests
{
    private const int OlderOpenTasks = 2_100;

    [Fact]
    public async Task A_completion_on_the_newest_task_is_seen_within_the_polls_it_takes_to_go_round_every_open_task()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        await SeedOpenTasksAsync(world, OlderOpenTasks);
        var declining = world.AddHubSpotContact(85, "Nadia");
        await world.RunCycleAsync();
        var task = Assert.Single(world.HubSpot.Portal.Records("tasks"), t => t.Associations.Any(a => a.ToContactId == declining));

        world.Time.Advance(TimeSpan.FromHours(2));
        world.HubSpot.Portal.LogCall(task.Id, "Not interested");
        await CompleteAsync(world, task.Id);

        // 2,101 open tasks at 2,000 a poll: every task has been asked about after two polls.
        for (var poll = 0; poll < 2; poll++)
        {
            world.Time.Advance(TimeSpan.FromMinutes(15));
            await world.RunCycleAsync();
        }

        var enrollment = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.ContactCrmId == declining.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(("Exited", "CallOutcome:not interested"), (enrollment.State, enrollment.ExitReason));
    }

    [Fact]
    public async Task The_cursor_is_stored_per_connection_and_moves_on_by_PerPoll_tasks_then_starts_over()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false", "--TaskStates:PerPoll=40");
        var ids = await SeedOpenTasksAsync(world, 100);
        var asked = new List<int>();
        var cursors = new List<long>();
        for (var poll = 0; poll < 4; poll++)
        {
            world.HubSpot.Server.ResetLogEntries();
            world.Time.Advance(TimeSpan.FromMinutes(15));
            await world.RunCycleAsync();
            asked.Add(world.HubSpot.Server.LogEntries
                .Where(e => e.RequestMessage!.Path.EndsWith("/objects/2026-03/tasks/batch/read", StringComparison.Ordinal))
                .Sum(e => JsonNode.Parse(e.RequestMessage!.Body!)!["inputs"]!.AsArray().Count));
            cursors.Add(await world.QueryAsync(db => db.Connections.AsNoTracking().Where(c => c.Name == "hubspot").Select(c => c.TaskStateCursor).SingleAsync()));
        }

        // 40 a poll: rows 1-40, 41-80, 81-100 then 1-20 (starting over), 21-60.
        Assert.Equal([40, 40, 40, 40], asked);
        Assert.Equal([ids[39], ids[79], ids[19], ids[59]], cursors);
    }

    [Fact]
    public async Task A_PerPoll_of_zero_stops_start_up_naming_the_key()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var world = await SandboxWorld.StartAsync("--TaskStates:PerPoll=0");
        });
        Assert.Contains("TaskStates:PerPoll", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Open tasks in the sandbox, written (as the outbox records it) for enrollments of other contacts.</summary>
    private static async Task<List<long>> SeedOpenTasksAsync(SandboxWorld world, int count)
    {
        using var http = new HttpClient { BaseAddress = world.HubSpot.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", world.HubSpot.Options.AccessToken);
        var crmIds = new List<string>();
        for (var first = 0; first < count; first += 100)
        {
            var inputs = Enumerable.Range(first, Math.Min(100, count - first)).Select(n => new
            {
                properties = new Dictionary<string, string>
                {
                    ["hs_task_subject"] = $"Older task {n}",
                    ["hs_task_status"] = "NOT_STARTED",
                    ["hs_timestamp"] = world.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                },
            });
            using var response = await http.PostAsJsonAsync(new Uri("/crm/objects/2026-03/tasks/batch/create", UriKind.Relative), new { inputs });
            response.EnsureSuccessStatusCode();
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
            crmIds.AddRange(created.Select(r => r!["id"]!.GetValue<string>()));
        }

        Assert.Equal(count, crmIds.Count);
        var now = world.Time.GetUtcNow();
        return await world.QueryAsync(async db =>
        {
            var rows = crmIds.Select((crmId, n) => new OutboxEntity
            {
                Connection = "hubspot", IdempotencyKey = $"older-{n}", WriteType = "Task", PayloadJson = "{}", EnrollmentId = Guid.NewGuid(),
                ContactCrmId = $"9{n}", State = "Sent", CreatedAt = now, AvailableAt = now, SentAt = now, CrmId = crmId,
            }).ToList();
            db.Outbox.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });
    }

    private static async Task CompleteAsync(SandboxWorld world, long taskId)
    {
        using var http = new HttpClient { BaseAddress = world.HubSpot.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", world.HubSpot.Options.AccessToken);
        using var response = await http.PostAsJsonAsync(
            new Uri("/crm/objects/2026-03/tasks/batch/update", UriKind.Relative),
            new { inputs = new[] { new { id = taskId.ToString(CultureInfo.InvariantCulture), properties = new { hs_task_status = "COMPLETED" } } } });
        response.EnsureSuccessStatusCode();
    }
}
