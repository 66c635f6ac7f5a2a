using System.Globalization;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.HubSpot;
using Npgsql;

namespace CrmCadenceSync.Cluster.Bench;

/// <summary>
/// One run: a fresh PostgreSQL database, a HubSpot sandbox in this process with <c>contacts</c> hot contacts, one
/// <c>--once</c> cycle that enrolls them all in a three-task cadence whose first task is a business day away, then N
/// worker processes started and, once all listen, every enrollment made due at the same instant. Measured: from that
/// instant to the last task stored in the sandbox, and every CRM call the sandbox logged in that time.
/// </summary>
internal static class ClusterRun
{
    public const int TouchesPerContact = 3;

    public static async Task<RunResult> RunAsync(string workerDll, string settingsTemplate, string admin, int instances, int contacts, int? limitPer10Seconds)
    {
        var database = $"ccs_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        var folder = Directory.CreateTempSubdirectory("ccs-cluster-bench-").FullName;
        try
        {
            using var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 0, RequestsPer10Seconds = limitPer10Seconds, SearchRequestsPerSecond = 100 });
            AddHotContacts(hubSpot, contacts);
            WriteSettings(settingsTemplate, folder, connectionString);
            string[] common =
            [
                "--Sandbox:Enabled=false",
                "--Connections:salesforce:Enabled=false",
                $"--Connections:hubspot:BaseUrl={hubSpot.Url.AbsoluteUri}",
                $"--Connections:hubspot:AccessToken={hubSpot.Options.AccessToken}",
                $"--Connections:hubspot:WebhookSecret={hubSpot.Options.WebhookSecret}",
                $"--Connections:hubspot:RequestsPer10Seconds={(limitPer10Seconds ?? 1000).ToString(CultureInfo.InvariantCulture)}",
                "--Connections:hubspot:SearchRequestsPerSecond=100",
            ];

            using (var once = new ChildWorker(workerDll, folder, [.. common, "--once"]))
            {
                if (await once.ExitCodeAsync() != 0)
                {
                    throw new InvalidOperationException($"The enrolling --once cycle failed:{Environment.NewLine}{once.Output}");
                }
            }

            var workers = Enumerable.Range(1, instances)
                .Select(i => new ChildWorker(workerDll, folder, [.. common, "--Urls=http://127.0.0.1:0", $"--Cluster:InstanceId=bench-{i}"]))
                .ToList();
            try
            {
                await Task.WhenAll(workers.Select(w => w.Listening)).WaitAsync(TimeSpan.FromMinutes(2));
                var target = contacts * TouchesPerContact;
                var start = DateTimeOffset.UtcNow;
                await ExecuteAsync(connectionString, """UPDATE "Enrollments" SET "NextDueAt" = now() WHERE "IsOpen" """);
                while (hubSpot.Portal.Records("tasks").Count < target)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }

                var end = hubSpot.Portal.Records("tasks").Max(t => t.CreatedAt);
                var calls = hubSpot.Server.LogEntries
                    .Where(e => e.RequestMessage is { } r && r.DateTime >= start.UtcDateTime && r.DateTime <= end.UtcDateTime
                        && !r.Path.EndsWith("/search", StringComparison.Ordinal))
                    .Select(e => (At: e.RequestMessage!.DateTime, Rejected: Convert.ToInt32(e.ResponseMessage?.StatusCode, CultureInfo.InvariantCulture) == 429))
                    .OrderBy(c => c.At)
                    .ToList();
                return new RunResult(instances, limitPer10Seconds, target, end - start, calls.Count, calls.Count(c => c.Rejected), PeakPer10Seconds(calls.Select(c => c.At).ToList()));
            }
            finally
            {
                await Task.WhenAll(workers.Select(w => w.StopAsync()));
                workers.ForEach(w => w.Dispose());
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The most calls (accepted or refused) in any rolling 10-second window: what the CRM's limit is checked against.</summary>
    private static int PeakPer10Seconds(List<DateTime> times)
    {
        var peak = 0;
        var from = 0;
        for (var to = 0; to < times.Count; to++)
        {
            while (times[to] - times[from] >= TimeSpan.FromSeconds(10))
            {
                from++;
            }

            peak = Math.Max(peak, to - from + 1);
        }

        return peak;
    }

    private static void AddHotContacts(HubSpotSandbox hubSpot, int count)
    {
        var owner = hubSpot.Portal.Owners[0].Id.ToString(CultureInfo.InvariantCulture);
        var now = hubSpot.Portal.Time.GetUtcNow();
        foreach (var id in hubSpot.Portal.AddContacts(count, now.AddMinutes(-10)))
        {
            hubSpot.Portal.TouchContact(id, now.AddMinutes(-10), new Dictionary<string, string?>
            {
                ["firstname"] = $"Bench{id}",
                ["lastname"] = "Contact",
                ["hubspotscore"] = "90",
                ["hubspot_owner_id"] = owner,
                ["lifecyclestage"] = "lead",
                ["hs_email_optout"] = "false",
            });
        }
    }

    /// <summary>The shipped appsettings.json with PostgreSQL storage, short intervals and a one-segment rule set.</summary>
    private static void WriteSettings(string template, string folder, string connectionString)
    {
        var settings = JsonNode.Parse(File.ReadAllText(template))!.AsObject();
        settings["Logging"] = JsonNode.Parse("""{ "LogLevel": { "Default": "Warning", "Microsoft.Hosting.Lifetime": "Information" } }""");
        settings["Storage"] = new JsonObject { ["Provider"] = "Postgres", ["ConnectionString"] = connectionString };
        settings["Cluster"] = JsonNode.Parse("""{ "LeaseLength": "00:00:30", "CheckinInterval": "00:00:05" }""");
        settings["Schedule"] = JsonNode.Parse("""{ "InboxInterval": "00:00:01", "DueStepInterval": "00:00:01", "OutboxInterval": "00:00:01" }""");
        settings["Segments"] = JsonNode.Parse("""[ { "Name": "Everyone", "Cadence": "bench" } ]""");
        settings["Triggers"] = new JsonArray();
        settings["Cadences"] = JsonNode.Parse("""
            [ {
              "Id": "bench", "Name": "Bench: three tasks, the first a business day after enrollment", "TimeZone": "UTC",
              "BusinessHours": { "Days": [ "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" ], "Start": "00:00", "End": "23:59:59.9999999" },
              "Steps": [
                { "Id": "call", "DayOffset": 1, "Channel": "Call", "Kind": "Task", "Subject": "Call {{contact.first_name}}", "Body": "First call." },
                { "Id": "linkedin", "DelayAfterPrevious": "00:00:00", "Channel": "LinkedIn", "Kind": "Task", "Subject": "Connect with {{contact.first_name}}", "Body": "Connect." },
                { "Id": "follow-up", "DelayAfterPrevious": "00:00:00", "Channel": "Task", "Kind": "Task", "Subject": "Follow up with {{contact.first_name}}", "Body": "Follow up." }
              ]
            } ]
            """);
        settings["Policies"] = JsonNode.Parse("""
            { "OnSegmentChange": "MoveUp", "ReenrollAfterDays": 90, "RepDailyTaskCap": 1000000, "OnSuppressedStep": "Skip", "PauseInLifecycleStages": [] }
            """);
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), settings.ToJsonString());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
