using CsCheck;

namespace CrmCadenceSync.Simulation.Engine.Scenarios;

/// <summary>
/// Seeded scenarios: contacts arriving over the first two thirds of the run with a random score, then a random mix of
/// re-scoring, replies, meetings, bounces, opt-outs, owner and time-zone changes, deletions and merges, rule-set edits,
/// admin actions, worker downtime of hours to weeks and restarts. CsCheck shrinks a failing one towards fewer events.
/// </summary>
public static class ScenarioGen
{
    private const int Hour = 1;
    private const int Day = 24 * Hour;

    public static Gen<SimScenario> For(int contacts, int days, ulong seed = 0)
    {
        var hours = days * Day;
        var arrivals = Gen.Select(Gen.Int[0, hours * 2 / 3], Gen.Int[25, 99]).Array[contacts]
            .Select(a => a.Select((x, i) => new SimEvent(x.Item1, SimEventKind.Arrive, i, x.Item2)));
        var anyHour = Gen.Int[0, hours - 1];
        var contact = Gen.Int[0, contacts - 1];
        var contactEvent = Gen.Frequency(
                (30, Gen.Const(SimEventKind.Rescore)),
                (8, Gen.Const(SimEventKind.Reply)),
                (5, Gen.Const(SimEventKind.Meeting)),
                (4, Gen.Const(SimEventKind.Bounce)),
                (4, Gen.Const(SimEventKind.OptOut)),
                (4, Gen.Const(SimEventKind.DoNotCall)),
                (6, Gen.Const(SimEventKind.OwnerChange)),
                (3, Gen.Const(SimEventKind.Delete)),
                (3, Gen.Const(SimEventKind.Merge)),
                (6, Gen.Const(SimEventKind.TimeZoneChange)),
                (5, Gen.Const(SimEventKind.AdminPause)),
                (5, Gen.Const(SimEventKind.AdminResume)),
                (3, Gen.Const(SimEventKind.AdminExit)))
            .Select(anyHour, contact, Gen.Int[0, 1_000_000], (kind, hour, who, arg) => new SimEvent(hour, kind, who, kind switch
            {
                SimEventKind.Rescore => 20 + (arg % 80),
                SimEventKind.Merge => arg % contacts,
                _ => arg,
            }));
        var worker = Gen.Frequency(
                (4, Gen.Const(SimEventKind.ActivateRules)),
                (3, Gen.Const(SimEventKind.Downtime)),
                (2, Gen.Const(SimEventKind.Restart)))
            .Select(anyHour, Gen.Int[0, 1_000_000], (kind, hour, arg) => new SimEvent(hour, kind, 0, kind switch
            {
                // Mostly hours to a few days, sometimes up to three weeks.
                SimEventKind.Downtime => arg % 4 == 0 ? 24 * (7 + (arg % 15)) : 2 + (arg % 96),
                _ => arg,
            }));
        var events = Gen.Select(
            arrivals,
            contactEvent.Array[contacts, contacts * 2],
            worker.Array[3, 7],
            (a, c, w) => a.Concat(c).Concat(w).OrderBy(e => e.Hour).ThenBy(e => e.Kind).ThenBy(e => e.Contact).ToList());
        return events.Select(list => new SimScenario(seed, contacts, days, list));
    }

    /// <summary>The scenario of a fixed seed: the same events on every machine.</summary>
    public static SimScenario FromSeed(ulong seed, int contacts, int days) =>
        For(contacts, days, seed).Generate(new PCG(1, seed), null, out _);
}
