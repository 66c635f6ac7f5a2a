namespace CrmCadenceSync.Worker.Retention;

/// <summary><c>GET /api/retention</c>: what is held, and what the next sweep removes or redacts.</summary>
/// <param name="Days">Retention:Days.</param>
/// <param name="Cutoff">Data older than this goes in a sweep run now.</param>
/// <param name="Interval">Retention:Interval, how often the schedule sweeps.</param>
/// <param name="NextSweep">What a sweep run now removes or redacts; the next scheduled one removes this and whatever ages past the cutoff meanwhile.</param>
public sealed record RetentionReport(int Days, TimeSpan Interval, DateTimeOffset Cutoff, IReadOnlyList<HeldTable> Held, RetentionSweep NextSweep);

/// <summary>One table: its rows and the time of its oldest (by the column named in <paramref name="OldestBy"/>).</summary>
public sealed record HeldTable(string Table, int Rows, DateTimeOffset? Oldest, string OldestBy);
