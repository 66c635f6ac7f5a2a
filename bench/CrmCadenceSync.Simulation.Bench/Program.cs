using System.Diagnostics;
using System.Globalization;
using CrmCadenceSync.Simulation.Engine.Scenarios;
using CrmCadenceSync.Simulation.Engine.Shrinking;
using CrmCadenceSync.Simulation.Engine.World;
using CsCheck;

// The simulated-calendar test bed's long mode (issue 13; never part of the test run). From the repository root:
//
//   dotnet run -c Release --project bench/CrmCadenceSync.Simulation.Bench -- --seeds 20 --contacts 1000 --days 90
//
// Runs seeds 1..N (or from --first-seed) and prints simulated contact-days per second for each and overall.
// --pending also checks the invariants of features not yet on main. A failing seed is shrunk (--no-shrink to skip) and
// printed as a replay scenario to paste into ReplayTests. --cscheck N instead lets CsCheck search N random scenarios and
// shrink the first failing one itself.
var options = Arguments.Parse(args);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {options.Seeds} seeds x {options.Contacts} contacts x {options.Days} days, started {DateTime.UtcNow:u}"));
if (options.CsCheckIterations > 0)
{
    ScenarioGen.For(options.Contacts, options.Days).Sample(
        scenario => SimRunner.RunAsync(scenario, options.Pending).GetAwaiter().GetResult().Green,
        iter: options.CsCheckIterations,
        threads: 1,
        print: scenario => scenario.ToReplay(),
        writeLine: Console.WriteLine);
    return 0;
}

var total = Stopwatch.StartNew();
var failed = 0;
for (var seed = options.FirstSeed; seed < options.FirstSeed + (ulong)options.Seeds; seed++)
{
    var scenario = ScenarioGen.FromSeed(seed, options.Contacts, options.Days);
    var result = await SimRunner.RunAsync(scenario, options.Pending);
    var rate = options.Contacts * options.Days / result.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(inv, $"seed {seed}: {(result.Green ? "green" : "FAILED")}, {result}; {rate:N0} contact-days/s"));
    if (result.Green)
    {
        continue;
    }

    failed++;
    foreach (var violation in result.Violations.Take(10))
    {
        Console.WriteLine("  " + violation);
    }

    if (options.Shrink)
    {
        var invariant = result.Violations[0][1..result.Violations[0].IndexOf(']', StringComparison.Ordinal)];
        var shrunk = await ScenarioShrinker.ShrinkAsync(scenario, invariant, Console.WriteLine);
        Console.WriteLine($"Replay ({invariant}):\n{shrunk.ToReplay()}");
    }
}

var contactDays = (double)options.Seeds * options.Contacts * options.Days;
Console.WriteLine(string.Create(inv, $"{options.Seeds} seeds, {failed} failed, {total.Elapsed.TotalSeconds:F1} s: {contactDays / total.Elapsed.TotalSeconds:N0} simulated contact-days/s"));
return failed == 0 ? 0 : 1;

/// <summary>Command-line options of the long mode.</summary>
internal sealed record Arguments(int Seeds, int Contacts, int Days, ulong FirstSeed, bool Pending, bool Shrink, int CsCheckIterations)
{
    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments(Seeds: 1, Contacts: 1_000, Days: 90, FirstSeed: 1, Pending: false, Shrink: true, CsCheckIterations: 0);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            parsed = args[i] switch
            {
                "--seeds" => parsed with { Seeds = Positive("--seeds", Value()) },
                "--contacts" => parsed with { Contacts = Positive("--contacts", Value()) },
                "--days" => parsed with { Days = Positive("--days", Value()) },
                "--first-seed" => parsed with { FirstSeed = (ulong)Positive("--first-seed", Value()) },
                "--cscheck" => parsed with { CsCheckIterations = Positive("--cscheck", Value()) },
                "--pending" => parsed with { Pending = true },
                "--no-shrink" => parsed with { Shrink = false },
                var other => throw new ArgumentException($"Unknown argument '{other}'; use --seeds, --contacts, --days, --first-seed, --pending, --no-shrink, --cscheck."),
            };
        }

        return parsed;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive whole number (it is '{value}').");
}
