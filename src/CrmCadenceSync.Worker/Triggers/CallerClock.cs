namespace CrmCadenceSync.Worker.Triggers;

/// <summary>
/// The clock signed trigger calls are checked against: the machine's, even when the sandbox world runs on its own
/// clock, because the caller signs with real time.
/// </summary>
public sealed record CallerClock(TimeProvider Time);
