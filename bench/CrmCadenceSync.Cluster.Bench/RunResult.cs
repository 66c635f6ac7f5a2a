namespace CrmCadenceSync.Cluster.Bench;

/// <summary>One measurement: touches written into the sandbox CRM by N instances, and the CRM calls they made meanwhile.</summary>
internal sealed record RunResult(int Instances, int? LimitPer10Seconds, int Touches, TimeSpan Elapsed, int Calls, int Rejected, int PeakCallsPer10Seconds)
{
    public double TouchesPerSecond => Touches / Elapsed.TotalSeconds;

    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;
}
