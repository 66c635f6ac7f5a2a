namespace CrmCadenceSync.Storage.Claims;

/// <summary>One claim: who holds the rows and until when. Whole milliseconds, so the value compares equal after a round trip through either database.</summary>
public sealed record WorkLease(string ClaimedBy, DateTimeOffset Until)
{
    public static WorkLease For(string instanceId, DateTimeOffset now, TimeSpan length)
    {
        var until = now.ToUniversalTime() + length;
        return new(instanceId, until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMillisecond)));
    }
}
