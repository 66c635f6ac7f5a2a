using System.Globalization;
using CrmCadenceSync.Worker.Bench;

// Worker benchmarks (issue 5; never part of the test run). From the repository root:
//
//   dotnet build src/CrmCadenceSync.Demo -c Release && dotnet run -c Release --project bench/CrmCadenceSync.Worker.Bench
//
// Optional arguments pick parts: latency, ingest, memory, memory-inprocess, metrics (default: the first three), e.g. `-- ingest memory`.
// 1. Webhook-to-task latency: the worker as a service in this process (HTTP port, Quartz, in-process sandboxes, sandbox
//    clock on a Tuesday afternoon so business hours are open), 60 signed webhooks raising nurture contacts into Hot.
// 2. Webhook ingest: 10 concurrent senders, 100-event signed batches, every 2xx after the commit; the inbox is
//    counted afterwards; once with the worker as shipped, once with its schedule in standby (the ingest path alone).
//    Beside it, bare SQLite (WAL) committing the same batches with no HTTP, synchronous FULL (the worker's) and NORMAL.
// 3. Peak memory and wall time of `--once` over 100,000 contacts per sandbox, the worker binary as a child process under
//    /usr/bin/time -v, attached to sandboxes this process hosts (the worker alone, as against a real CRM).
//    `memory-inprocess` measures the README's setup instead: the same cycle with the sandboxes inside the worker.
// 4. `metrics`: one metrics computation (what /api/metrics and each operators' refresh run) over a store holding 100,000
//    enrollments with their step runs, task writes and outcomes; on PostgreSQL too when CCS_BENCH_POSTGRES names a server.
var parts = args.Length == 0 ? ["latency", "ingest", "memory"] : args.Select(a => a.ToLowerInvariant()).ToHashSet();
var rows = new List<(string Figure, string Value, string Target)>();
var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; started {DateTime.UtcNow:u}");

if (parts.Contains("latency"))
{
    var latency = await LatencyBench.RunAsync(webhooks: 60, pace: TimeSpan.FromMilliseconds(1_000));
    rows.Add(("Webhook -> first hot task, p50", string.Create(inv, $"{Percentiles.Of(latency.ToTaskMs, 50):F0} ms"), ""));
    rows.Add(("Webhook -> first hot task, p95", string.Create(inv, $"{Percentiles.Of(latency.ToTaskMs, 95):F0} ms"), "< 1000 ms"));
    rows.Add(("Webhook -> first hot task, max", string.Create(inv, $"{latency.ToTaskMs.DefaultIfEmpty(double.NaN).Max():F0} ms"), ""));
    rows.Add(("Webhook -> 2xx (stored), p50 / p95", string.Create(inv, $"{Percentiles.Of(latency.ToAckMs, 50):F1} / {Percentiles.Of(latency.ToAckMs, 95):F1} ms"), ""));
    rows.Add(("Latency webhooks measured / no task in 30 s", $"{latency.ToTaskMs.Count} / {latency.Missing}", "0 missing"));
}

if (parts.Contains("ingest"))
{
    var ingest = await IngestBench.RunAsync(senders: 10, batches: IngestBatches(), eventsPerBatch: 100, pauseSchedule: false);
    var alone = await IngestBench.RunAsync(senders: 10, batches: IngestBatches(), eventsPerBatch: 100, pauseSchedule: true);
    var bare = await SqliteBaseline.RunAsync(writers: 1, batches: IngestBatches(), eventsPerBatch: 100, synchronous: "FULL");
    var bareNormal = await SqliteBaseline.RunAsync(writers: 1, batches: IngestBatches(), eventsPerBatch: 100, synchronous: "NORMAL");
    rows.Add(("Ingest, 10 senders x 100-event batches (as shipped)", string.Create(inv, $"{ingest.EventsPerSecond:N0} events/s ({ingest.Accepted:N0} in {ingest.Elapsed.TotalSeconds:F1} s)"), ">= 20,000 events/s"));
    rows.Add(("  sent / stored in inbox / failed batches", string.Create(inv, $"{ingest.Sent:N0} / {ingest.Stored:N0} / {ingest.FailedBatches}"), "nothing lost"));
    rows.Add(("Ingest path alone (schedule in standby)", string.Create(inv, $"{alone.EventsPerSecond:N0} events/s ({alone.Accepted:N0} in {alone.Elapsed.TotalSeconds:F1} s)"), ">= 20,000 events/s"));
    rows.Add(("  sent / stored in inbox / failed batches", string.Create(inv, $"{alone.Sent:N0} / {alone.Stored:N0} / {alone.FailedBatches}"), "nothing lost"));
    rows.Add(("Bare SQLite WAL, synchronous=FULL (worker's)", string.Create(inv, $"{bare.EventsPerSecond:N0} events/s ({bare.Stored:N0} in {bare.Elapsed.TotalSeconds:F1} s)"), ""));
    rows.Add(("Bare SQLite WAL, synchronous=NORMAL", string.Create(inv, $"{bareNormal.EventsPerSecond:N0} events/s ({bareNormal.Stored:N0} in {bareNormal.Elapsed.TotalSeconds:F1} s)"), "~175,000 events/s"));
    rows.Add(("Worker ingest / bare SQLite (shipped; path alone)", string.Create(inv, $"{ingest.EventsPerSecond / bare.EventsPerSecond:P1}; {alone.EventsPerSecond / bare.EventsPerSecond:P1}"), ""));
}

if (parts.Contains("memory"))
{
    AddMemoryRows(await MemoryBench.RunAsync(RepositoryRoot(), contacts: OnceContacts(), inProcess: false), "worker alone (sandboxes in the bench process)", "< 400 MB");
}

if (parts.Contains("metrics"))
{
    var postgres = Environment.GetEnvironmentVariable("CCS_BENCH_POSTGRES");
    foreach (var server in postgres is null ? [null] : new[] { null, postgres })
    {
        var metrics = await MetricsBench.RunAsync(enrollments: 100_000, runs: 5, server);
        var store = server is null ? "SQLite" : "PostgreSQL";
        rows.Add((string.Create(inv, $"Metrics (/api/metrics, operators' refresh) on {store}, {metrics.Enrollments:N0} enrollments, {metrics.StepRuns:N0} step runs"), string.Create(inv, $"{metrics.Milliseconds[0]:F0} ms first, {Percentiles.Of([.. metrics.Milliseconds.Skip(1)], 50):F0} ms median of the next {metrics.Milliseconds.Count - 1}"), ""));
        rows.Add(("  allocated per computation", string.Create(inv, $"{metrics.AllocatedBytes.Skip(1).Average() / 1_048_576:F1} MB"), ""));
    }
}

if (parts.Contains("memory-inprocess"))
{
    AddMemoryRows(await MemoryBench.RunAsync(RepositoryRoot(), contacts: OnceContacts(), inProcess: true), "worker + in-process sandboxes", "");
}

var width = rows.Max(r => r.Figure.Length);
var valueWidth = rows.Max(r => r.Value.Length);
Console.WriteLine();
Console.WriteLine($"{"Figure".PadRight(width)}  {"Value".PadRight(valueWidth)}  Target");
Console.WriteLine($"{new string('-', width)}  {new string('-', valueWidth)}  ------");
foreach (var (figure, value, target) in rows)
{
    Console.WriteLine($"{figure.PadRight(width)}  {value.PadRight(valueWidth)}  {target}");
}

void AddMemoryRows(MemoryResult memory, string setup, string target)
{
    rows.Add((string.Create(inv, $"--once, {memory.Contacts:N0} contacts per sandbox, {setup}: exit code"), memory.ExitCode.ToString(inv), "0"));
    rows.Add(("  peak RSS", string.Create(inv, $"{memory.PeakMb:F0} MB"), target));
    rows.Add(("  wall time", string.Create(inv, $"{memory.Wall.TotalSeconds:F0} s"), ""));
    Console.WriteLine(memory.Summary);
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

// CCS_BENCH_BATCHES and CCS_BENCH_CONTACTS shorten the runs while investigating; reported figures use the defaults.
static int IngestBatches() =>
    int.TryParse(Environment.GetEnvironmentVariable("CCS_BENCH_BATCHES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var batches) ? batches : 2_000;

static int OnceContacts() =>
    int.TryParse(Environment.GetEnvironmentVariable("CCS_BENCH_CONTACTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var contacts) ? contacts : 100_000;
