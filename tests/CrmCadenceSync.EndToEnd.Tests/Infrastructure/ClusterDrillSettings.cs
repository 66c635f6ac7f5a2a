using System.Text.Json.Nodes;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The appsettings.json that several worker processes share for the cluster drill: PostgreSQL storage, both
/// connections, short schedule intervals and leases, and the crash drill's cadence (three tasks due at once,
/// whatever the day and hour) for contacts scoring <see cref="MinScore"/> or more; every other scored contact enters a
/// cadence whose only touch is weeks away, so it gets its "enrolled" note and nothing else during the test.
/// </summary>
internal static class ClusterDrillSettings
{
    public const int TasksPerContact = CrashDrillSettings.TasksPerContact;

    public const decimal MinScore = 80;

    /// <summary>
    /// The tasks a hot contact gets: the call step is skipped for a do-not-call contact (the crash drill's policy says
    /// Skip), and the other two are written.
    /// </summary>
    public static int TasksFor(bool doNotCall) => TasksPerContact - (doNotCall ? 1 : 0);

    /// <summary>
    /// Contacts in these lifecycle stages are paused rather than enrolled: two thirds of the HubSpot sandbox's contacts
    /// (no Salesforce Lead status is among them), which are still polled and processed but queue no CRM writes, so the
    /// drill stays short.
    /// </summary>
    public static readonly string[] PausedStages = ["subscriber", "marketingqualifiedlead", "opportunity", "customer"];

    /// <summary>How long a claim lasts: a killed instance's rows are taken over after this.</summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(8);

    public static void WriteTo(string folder, string connectionString)
    {
        CrashDrillSettings.WriteTo(folder);
        var file = Path.Combine(folder, "appsettings.json");
        var settings = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        settings["Storage"] = new JsonObject { ["Provider"] = "Postgres", ["ConnectionString"] = connectionString };
        settings["Cluster"] = new JsonObject { ["LeaseLength"] = LeaseLength.ToString(), ["CheckinInterval"] = "00:00:02" };
        settings["Schedule"] = JsonNode.Parse("""{ "InboxInterval": "00:00:01", "DueStepInterval": "00:00:01", "OutboxInterval": "00:00:01" }""");
        settings["Segments"] = JsonNode.Parse($$"""
            [ { "Name": "Hot", "MinScore": {{MinScore}}, "Cadence": "crash-drill" }, { "Name": "Later", "MaxScore": {{MinScore}}, "Cadence": "later" } ]
            """);
        settings["Cadences"]!.AsArray().Add(JsonNode.Parse("""
            { "Id": "later", "Name": "One touch in six weeks", "TimeZone": "UTC",
              "Steps": [ { "Id": "check-in", "DayOffset": 30, "Channel": "Task", "Kind": "Task", "Subject": "Check in", "Body": "Check in." } ] }
            """));
        settings["Policies"]!["PauseInLifecycleStages"] = new JsonArray([.. PausedStages.Select(s => JsonValue.Create(s))]);
        File.WriteAllText(file, settings.ToJsonString());
    }
}
