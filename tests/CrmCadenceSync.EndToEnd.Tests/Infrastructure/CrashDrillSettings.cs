using System.Text.Json.Nodes;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The child worker's appsettings.json: the shipped file with a rule set whose touches are all due at once, whatever
/// day and hour the test runs (the child runs on the machine's clock): one segment, three same-day tasks, open around
/// the clock every day.
/// </summary>
internal static class CrashDrillSettings
{
    public const int TasksPerContact = 3;

    public static void WriteTo(string folder)
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))!.AsObject();
        settings["Logging"] = JsonNode.Parse("""
            { "LogLevel": { "Default": "Warning", "Microsoft.Hosting.Lifetime": "Information" } }
            """);
        settings["Sandbox"] = JsonNode.Parse("""{ "Enabled": false }""");
        settings["Storage"] = JsonNode.Parse("""{ "Provider": "Sqlite", "ConnectionString": "Data Source=data/crash.db" }""");
        settings["Segments"] = JsonNode.Parse("""[ { "Name": "Everyone", "Cadence": "crash-drill" } ]""");
        // The shipped triggers name shipped cadences, which this rule set replaces.
        settings["Triggers"] = new JsonArray();
        settings["Cadences"] = JsonNode.Parse("""
            [ {
              "Id": "crash-drill",
              "Name": "Crash drill: three touches today",
              "TimeZone": "UTC",
              "BusinessHours": {
                "Days": [ "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" ],
                "Start": "00:00",
                "End": "23:59:59.9999999"
              },
              "Steps": [
                { "Id": "call", "DayOffset": 0, "Channel": "Call", "Kind": "Task", "Priority": "High",
                  "Subject": "Call {{default contact.first_name \"the contact\"}}", "Body": "First call." },
                { "Id": "linkedin", "DayOffset": 0, "Channel": "LinkedIn", "Kind": "Task", "Priority": "Normal",
                  "Subject": "Connect with {{default contact.first_name \"the contact\"}}", "Body": "Connection request." },
                { "Id": "follow-up", "DayOffset": 0, "Channel": "Task", "Kind": "Task", "Priority": "Low",
                  "Subject": "Follow up with {{default contact.first_name \"the contact\"}}", "Body": "Check the reply." }
              ]
            } ]
            """);
        settings["Policies"] = JsonNode.Parse("""
            { "OnSegmentChange": "MoveUp", "ReenrollAfterDays": 90, "RepDailyTaskCap": 100000, "OnSuppressedStep": "Skip" }
            """);
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), settings.ToJsonString());
    }
}
