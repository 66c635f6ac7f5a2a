using System.CommandLine;

namespace CrmCadenceSync.Worker.Commands;

/// <summary>The worker's verbs: run (the default, or <c>--once</c>), <c>rules check</c> and <c>doctor</c>.</summary>
internal static class WorkerCommandLine
{
    /// <param name="output">Where the verbs write.</param>
    /// <param name="extend">What another entry point adds to every host a verb builds (the demo's sandboxes); production passes none.</param>
    public static RootCommand Create(TextWriter output, Action<IHostApplicationBuilder>? extend = null)
    {
        var file = new Option<FileInfo?>("--file")
        {
            Description = "A JSON file with Segments, Cadences and Policies to check instead of the worker's configuration.",
        };
        var check = new Command("check", "Validate the rule set as start-up would, and print its segments and cadences.") { file };
        check.SetAction(parse => RulesCheck.Run(parse.GetValue(file), [.. parse.UnmatchedTokens], output));
        check.TreatUnmatchedTokensAsErrors = false;

        var once = new Option<bool>("--once") { Description = "Run one full cycle (ingest, segment, enroll, write due steps), print a summary and exit." };
        var root = new RootCommand("CrmCadenceSync: keeps HubSpot and Salesforce in step with your sales cadences.")
        {
            once,
            new Command("rules", "Work with the segment-to-cadence rule set.") { check },
            DoctorCommand.Create(output, extend),
        };

        // Tokens the command line does not know are configuration overrides (--Storage:Provider=Postgres).
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, cancellationToken) => parse.GetValue(once)
            ? RunWorker.OnceAsync([.. parse.UnmatchedTokens], output, extend, cancellationToken)
            : RunWorker.ServeAsync([.. parse.UnmatchedTokens], output, extend, cancellationToken));
        return root;
    }
}
