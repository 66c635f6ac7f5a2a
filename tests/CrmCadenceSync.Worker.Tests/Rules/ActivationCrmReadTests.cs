using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Rules;

/// <summary>
/// Activating a rule set that moves open enrollments re-times them without calling the CRM once per enrollment: the
/// reps are read once, before the activation's transaction, and a CRM that cannot answer does not hold it up.
/// </summary>
public sealed class ActivationCrmReadTests
{
    private const int Contacts = 6;

    [Fact]
    public async Task Moving_open_enrollments_while_HubSpot_fails_asks_it_for_the_reps_once_not_once_per_enrollment()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false", "--Connections:hubspot:MaxRetryAttempts=0");
        for (var i = 0; i < Contacts; i++)
        {
            world.AddHubSpotContact(85, $"Mover{i}");
        }

        await world.RunCycleAsync();
        Assert.Equal(Contacts, await world.QueryAsync(db => db.Enrollments.CountAsync(e => e.IsOpen)));

        // A new process (no reps read yet) whose HubSpot answers every call with 503. Its start-up poll asks for the
        // reps once, on the scheduler's thread; that read is awaited, so it is not counted as the activation's.
        var startupRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        world.HubSpot.Server.LogEntriesChanged += (_, e) =>
        {
            if (e.NewItems?.OfType<WireMock.Logging.ILogEntry>().Any(IsOwnerRead) == true)
            {
                startupRead.TrySetResult();
            }
        };
        world.HubSpot.Faults.FailNext(10_000, 503);
        var app = await world.StartServiceAsync();
        await using (app)
        {
            await startupRead.Task.WaitAsync(TimeSpan.FromMinutes(2));
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var definition = (await client.GetFromJsonAsync<JsonObject>("/api/rules"))!["definition"]!.AsObject();
            definition["Cadences"]!.AsArray().Single(c => (string?)c!["Id"] == "hot-9-touch-14-day")!["Steps"]!.AsArray().RemoveAt(1);
            world.HubSpot.Server.ResetLogEntries();
            using var activated = await client.PostAsJsonAsync("/api/rules/activate", new { ruleSet = definition, author = "Dana", openEnrollments = "Move" });
            Assert.True(activated.StatusCode == HttpStatusCode.Created, await activated.Content.ReadAsStringAsync());
            var ownerReads = world.HubSpot.Server.LogEntries.Count(IsOwnerRead);
            await app.StopAsync();

            Assert.Equal(1, ownerReads);
        }

        Assert.Equal(Contacts, await world.QueryAsync(db => db.Enrollments.CountAsync(e => e.IsOpen && e.RuleSetVersion == 2)));
    }

    private static bool IsOwnerRead(WireMock.Logging.ILogEntry entry) =>
        entry.RequestMessage?.Path?.Contains("/owners", StringComparison.Ordinal) == true;
}
