using System.Globalization;
using CrmCadenceSync.Cluster.Bench;

// Due-step throughput of 1, 2 and 3 worker instances sharing one PostgreSQL (issue 8; never part of the test run).
// From the repository root, with a PostgreSQL server to create databases on:
//
//   dotnet build src/CrmCadenceSync.Worker -c Release
//   CCS_BENCH_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres" \
//     dotnet run -c Release --project bench/CrmCadenceSync.Cluster.Bench [-- contacts limitedContacts limitPer10Seconds]
//
// (defaults 2000 500 20; a count of 0 skips that series).
//
// Each run enrolls every contact first (one --once cycle, first task a business day away), then starts N instances
// and makes every enrollment due at once; measured until the last of the contacts x 3 tasks is stored in the sandbox.
// Two series: the sandbox without a rate limit (each instance's own budget at its maximum, 1,000 calls per 10 s), and
// the sandbox's limit as the bottleneck (each instance configured with that same limit, as an admin would).
var admin = Environment.GetEnvironmentVariable("CCS_BENCH_POSTGRES")
    ?? Environment.GetEnvironmentVariable("CCS_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set CCS_BENCH_POSTGRES to a PostgreSQL connection string that may create databases.");
var inv = CultureInfo.InvariantCulture;
var contacts = args.Length > 0 ? int.Parse(args[0], inv) : 2_000;
var limitedContacts = args.Length > 1 ? int.Parse(args[1], inv) : 500;
var limit = args.Length > 2 ? int.Parse(args[2], inv) : 20;
var root = RepositoryRoot();
var workerDll = Path.Combine(root, "src", "CrmCadenceSync.Worker", "bin", "Release", "net10.0", "CrmCadenceSync.Worker.dll");
if (!File.Exists(workerDll))
{
    throw new FileNotFoundException($"Build the worker in Release first: {workerDll} is missing.", workerDll);
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; started {DateTime.UtcNow:u}");
var results = new List<RunResult>();
foreach (var (count, perWindow) in new[] { (contacts, (int?)null), (limitedContacts, (int?)limit) }.Where(series => series.Item1 > 0))
{
    for (var instances = 1; instances <= 3; instances++)
    {
        var result = await ClusterRun.RunAsync(workerDll, Path.Combine(root, "appsettings.json"), admin, instances, count, perWindow);
        Console.WriteLine(string.Create(inv, $"  {instances} instance(s), limit {perWindow?.ToString(inv) ?? "none"}: {result.Touches:N0} tasks in {result.Elapsed.TotalSeconds:F1} s"));
        results.Add(result);
    }
}

Console.WriteLine();
Console.WriteLine("Instances  Sandbox limit /10 s  Tasks   Seconds  Tasks/s  CRM calls/s  Peak calls in any 10 s  429s");
foreach (var r in results)
{
    Console.WriteLine(string.Create(inv,
        $"{r.Instances,9}  {r.LimitPer10Seconds?.ToString(inv) ?? "none",19}  {r.Touches,5}  {r.Elapsed.TotalSeconds,7:F1}  {r.TouchesPerSecond,7:F0}  {r.CallsPerSecond,11:F1}  {r.PeakCallsPer10Seconds,22}  {r.Rejected,4}"));
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "CrmCadenceSync.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run the bench from inside the repository: CrmCadenceSync.sln was not found above the binary.");
}
