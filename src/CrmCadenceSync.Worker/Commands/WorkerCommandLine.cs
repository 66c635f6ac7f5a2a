using System.CommandLine;

namespace CrmCadenceSync.Worker.Commands;

/// <summary>The worker's verbs.</summary>
internal static class WorkerCommandLine
{
    public static RootCommand Create(TextWriter output)
    {
        var file = new Option<FileInfo?>("--file")
        {
            Description = "A JSON file with Segments, Cadences and Policies to check instead of the worker's configuration.",
        };
        var check = new Command("check", "Validate the rule set as start-up would, and print its segments and cadences.") { file };
        check.SetAction(parse => RulesCheck.Run(parse.GetValue(file), [.. parse.UnmatchedTokens], output));
        check.TreatUnmatchedTokensAsErrors = false;

        return new RootCommand("CrmCadenceSync: keeps HubSpot and Salesforce in step with your sales cadences.")
        {
            new Command("rules", "Work with the segment-to-cadence rule set.") { check },
        };
    }
}
