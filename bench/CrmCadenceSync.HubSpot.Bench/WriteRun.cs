using System.Diagnostics;
using System.Globalization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.HubSpot.Bench;

/// <summary>One measured write of <c>tasks</c> tasks: the API calls it took, the 429s it met, the time it needed.</summary>
internal sealed record WriteRun(int Tasks, int Calls, int TooManyRequests, int Failed, TimeSpan Elapsed)
{
    public double CallsPer1000Tasks => Calls * 1000.0 / Tasks;

    public static async Task<WriteRun> MeasureAsync(int requestsPer10Seconds, int maxBatchSize, int tasks)
    {
        using var bench = new BenchConnection(requestsPer10Seconds, maxBatchSize);
        await bench.Connector.SetupAsync(CancellationToken.None);
        await WaitForFullWindowAsync();
        bench.Sandbox.Server.ResetLogEntries();
        var due = DateTimeOffset.UtcNow.AddDays(1);
        var activities = Enumerable.Range(0, tasks)
            .Select(i => new CrmActivity(
                $"bench:{maxBatchSize}:{i}",
                CrmActivityKind.Task,
                (1001 + (i % 200)).ToString(CultureInfo.InvariantCulture),
                ContactRecordType.Contact,
                "101",
                StepChannel.Call,
                StepPriority.Normal,
                "Call",
                "Bench task",
                due,
                DateOnly.FromDateTime(due.UtcDateTime)))
            .ToList();

        var clock = Stopwatch.StartNew();
        var results = await bench.Connector.WriteActivitiesAsync(activities, CancellationToken.None);
        clock.Stop();

        var log = bench.Sandbox.Server.LogEntries.ToList();
        return new WriteRun(
            tasks,
            log.Count,
            log.Count(e => e.ResponseMessage?.StatusCode is 429),
            results.Count(r => !r.Succeeded),
            clock.Elapsed);
    }

    /// <summary>Setup spent part of the budget; start the measured run with a full 10-second window.</summary>
    private static Task WaitForFullWindowAsync() => Task.Delay(TimeSpan.FromSeconds(10.5));
}
