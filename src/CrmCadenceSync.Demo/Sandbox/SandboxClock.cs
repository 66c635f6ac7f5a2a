namespace CrmCadenceSync.Demo.Sandbox;

/// <summary>
/// The sandbox world's clock: it starts at <c>Sandbox:StartAt</c> and runs at real speed, so a demo shows the
/// same business-hours picture whenever it is run. Timers and delays stay real.
/// </summary>
public sealed class SandboxClock(DateTimeOffset startAt, TimeProvider real) : TimeProvider
{
    private readonly DateTimeOffset startedAt = real.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => startAt.ToUniversalTime() + (real.GetUtcNow() - startedAt);

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;
}
