using System.Globalization;

namespace CrmCadenceSync.Salesforce.Bench;

/// <summary>One measured run: API calls counted by the sandbox org, which counts exactly what Salesforce would.</summary>
internal sealed record BenchResult(string Strategy, int Tasks, int ApiCalls, int Failed, TimeSpan Elapsed)
{
    public double CallsPerThousand => ApiCalls * 1000.0 / Tasks;

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Strategy,-38} | {Tasks,6} | {ApiCalls,9} | {CallsPerThousand,14:F2} | {Failed,6} | {Elapsed.TotalMilliseconds,9:F0} |");
}
