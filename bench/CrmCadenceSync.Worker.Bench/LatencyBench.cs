using System.Diagnostics;
using System.Globalization;
using CrmCadenceSync.HubSpot.Setup;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>
/// Webhook-to-task latency: a signed HubSpot webhook raises a nurture contact's score to 85, and the clock runs until
/// the hot cadence's first task is stored in the sandbox. Webhooks are paced so the connection's rate budget is not
/// what is measured; each task's creation time is read from the sandbox record (sandbox clock, sub-millisecond).
/// </summary>
internal static class LatencyBench
{
    private const string FirstHotStep = "quiz-follow-up-email";
    private const string NurtureCadence = "monthly-nurture";

    public static async Task<LatencyResult> RunAsync(int webhooks, TimeSpan pace)
    {
        await using var worker = await BenchWorker.StartAsync(contacts: 500);
        await Settle.AfterFirstCycleAsync(worker, TimeSpan.FromMinutes(3));
        var sandbox = worker.HubSpot;
        var candidates = await NurtureCandidatesAsync(worker, sandbox, webhooks);
        if (candidates.Count < webhooks)
        {
            throw new InvalidOperationException($"Only {candidates.Count} nurture contacts qualify; {webhooks} were asked for.");
        }

        using var http = new HttpClient();
        var webhooksToTask = new List<double>();
        var webhooksToAck = new List<double>();
        var missing = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < candidates.Count; i++)
        {
            var wait = pace * i - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var contactId = candidates[i];
            var now = worker.Time.GetUtcNow();
            sandbox.Portal.TouchContact(contactId, now, HotChanges());
            var sentAt = worker.Time.GetUtcNow();
            using var response = await sandbox.Webhooks.SendAsync(
                worker.HubSpotWebhookUrl, [sandbox.Webhooks.Event("contact.propertyChange", contactId, "hubspotscore", "85")], CancellationToken.None);
            webhooksToAck.Add((worker.Time.GetUtcNow() - sentAt).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The worker answered {(int)response.StatusCode} to webhook {i}: {await response.Content.ReadAsStringAsync()}");
            }

            if (await FirstHotTaskAsync(sandbox, contactId, TimeSpan.FromSeconds(30)) is { } task)
            {
                webhooksToTask.Add((task.CreatedAt - sentAt).TotalMilliseconds);
            }
            else
            {
                missing++;
            }
        }

        return new LatencyResult(webhooksToTask, webhooksToAck, missing, sandbox.TooManyRequests);
    }

    /// <summary>Nurture enrollments whose contact can take a hot email task (not opted out, bounced or replied).</summary>
    private static async Task<List<long>> NurtureCandidatesAsync(BenchWorker worker, HubSpotSandbox sandbox, int count)
    {
        var enrolled = await worker.QueryAsync(db => db.Enrollments
            .Where(e => e.Connection == "hubspot" && e.IsOpen && e.CadenceId == NurtureCadence && e.State == "Active")
            .Select(e => e.ContactCrmId)
            .ToListAsync());
        return [.. enrolled
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture))
            .Order()
            .Where(id => sandbox.Portal.Find("contacts", id) is { } c
                && c["hs_email_optout"] == "false"
                && c["hs_email_bounce"] == "0"
                && c["hs_sales_email_last_replied"] is null)
            .Take(count)];
    }

    /// <summary>The quiz that raised the score also answered the questions the hot cadence's first email quotes.</summary>
    private static Dictionary<string, string?> HotChanges() => new(StringComparer.Ordinal)
    {
        ["hubspotscore"] = "85",
        ["hs_timezone"] = "america_slash_new_york",
        ["lifecyclestage"] = "lead",
        ["quiz_primary_challenge"] = "pipeline visibility",
        ["quiz_team_size"] = "11-50",
        ["quiz_timeline"] = "this quarter",
    };

    private static async Task<HubSpotRecord?> FirstHotTaskAsync(HubSpotSandbox sandbox, long contactId, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        var seen = 0;
        while (deadline.Elapsed < limit)
        {
            var tasks = sandbox.Portal.Records("tasks");
            for (var i = seen; i < tasks.Count; i++)
            {
                var task = tasks[i];
                if (task[HubSpotCustomProperties.SyncKey]?.Contains($":{FirstHotStep}:", StringComparison.Ordinal) == true
                    && task.Associations.Any(a => a.ToContactId == contactId))
                {
                    return task;
                }
            }

            seen = tasks.Count;
            await Task.Delay(10);
        }

        return null;
    }
}

internal sealed record LatencyResult(IReadOnlyList<double> ToTaskMs, IReadOnlyList<double> ToAckMs, int Missing, int TooManyRequests);
