using System.Globalization;
using CrmCadenceSync.HubSpot.Bench;

// Load harness (not part of the test run): API calls per 1,000 tasks with 100-input batches beside a one-call-per-task
// baseline, and throughput as a share of the configured ceiling, all against the HubSpot sandbox on loopback.
var ceiling = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var batchedTasks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
var baselineTasks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;

Console.WriteLine($"Portal limit = connection budget = {ceiling} calls per 10 s");
var batched = await WriteRun.MeasureAsync(ceiling, 100, batchedTasks);
// Calls per task do not depend on the ceiling; a high one keeps the one-call-per-task baseline short.
var baseline = await WriteRun.MeasureAsync(1_000, 1, baselineTasks);

// The budget is granted per rolling 10-second window, so the run is charged for every window it started.
var windows = Math.Ceiling(batched.Elapsed.TotalSeconds / 10);
var share = batched.Calls / (windows * ceiling);
// Stricter: leave out the opening burst the empty window allows and divide by the time actually taken.
var sustained = (batched.Calls - ceiling) / (batched.Elapsed.TotalSeconds * ceiling / 10);

Console.WriteLine($"Batched (100 per call): {batched.Tasks:N0} tasks, {batched.Calls:N0} calls, {batched.CallsPer1000Tasks:F2} calls per 1,000 tasks (floor 10, target <= 10.5), {batched.TooManyRequests} x 429, {batched.Failed} failed, {batched.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"Baseline (1 per call):  {baseline.Tasks:N0} tasks, {baseline.Calls:N0} calls, {baseline.CallsPer1000Tasks:F2} calls per 1,000 tasks, {baseline.TooManyRequests} x 429, {baseline.Failed} failed, {baseline.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"Throughput: {batched.Calls:N0} calls in {windows} windows of 10 s = {share:P1} of the ceiling (target >= 90% with zero 429s); {sustained:P1} sustained after the opening burst");
return batched.TooManyRequests == 0 && baseline.TooManyRequests == 0 ? 0 : 1;
