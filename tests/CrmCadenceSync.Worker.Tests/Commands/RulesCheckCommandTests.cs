using CrmCadenceSync.Worker.Commands;

namespace CrmCadenceSync.Worker.Tests.Commands;

public sealed class RulesCheckCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-rules-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int ExitCode, string[] Lines) Run(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = WorkerCommandLine.Create(output).Parse(args).Invoke();
        return (exitCode, output.ToString().Split(Environment.NewLine));
    }

    private string Write(string json)
    {
        var path = Path.Combine(folder, "rules.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void The_shipped_configuration_checks_out_and_prints_each_cadence_as_a_timeline()
    {
        var (exitCode, lines) = Run("rules", "check", "--file", RepositoryFiles.Path("appsettings.json"));

        Assert.Equal(RulesCheck.Valid, exitCode);
        Assert.Equal("The rule set is valid: 3 segments, 4 cadences.", lines[0]);
        Assert.Contains("  Hot              70 and above                 -> hot-9-touch-14-day", lines);
        Assert.Contains("Cadence hot-9-touch-14-day: Hot: 9 touches in 14 days, 9 steps", lines);
        Assert.Contains("  day 4        Call       Task         High    discovery-call-1", lines);
        Assert.Contains("  +30d         Email      AutoEmail    Low     month-2-benchmark", lines);
    }

    [Fact]
    public void An_invalid_file_exits_1_listing_every_error()
    {
        var path = Write("""
            { "Segments": [ { "Name": "Hot", "MinScore": 70, "Cadence": "hot" } ],
              "Cadences": [ { "Id": "hot", "Name": "Hot", "Holidays": [ "someday" ],
                              "Steps": [ { "Id": "call", "DayOffset": -2, "Channel": "Call", "Subject": "Call", "Body": "" } ] } ] }
            """);

        var (exitCode, lines) = Run("rules", "check", "--file", path);

        Assert.Equal(RulesCheck.Invalid, exitCode);
        Assert.Equal(
            [
                "The rule set is invalid (4 errors):",
                "  - Cadence 'hot' holiday 'someday' is not a date (expected yyyy-MM-dd).",
                "  - Cadence 'hot' step 'call' has a negative DayOffset (-2).",
                "  - Cadence 'hot' step 'call' has no body template.",
                "  - No segment reaches scores below 70: add a segment for them, or a catch-all segment (no score band, no filters).",
                "",
            ],
            lines);
    }

    [Fact]
    public void A_missing_or_malformed_file_exits_2_naming_it()
    {
        var missing = Path.Combine(folder, "nope.json");
        var malformed = Write("{ \"Segments\": [ ");

        var (missingExit, missingLines) = Run("rules", "check", "--file", missing);
        var (malformedExit, malformedLines) = Run("rules", "check", "--file", malformed);

        Assert.Equal(RulesCheck.Unreadable, missingExit);
        Assert.StartsWith($"Cannot read the rule set from '{missing}'", missingLines[0], StringComparison.Ordinal);
        Assert.Equal(RulesCheck.Unreadable, malformedExit);
        Assert.StartsWith($"Cannot read the rule set from '{malformed}'", malformedLines[0], StringComparison.Ordinal);
    }
}
