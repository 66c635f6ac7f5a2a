using System.Diagnostics;
using System.Globalization;
using CrmCadenceSync.Simulation.Engine.History;
using CrmCadenceSync.Simulation.Engine.Invariants;
using CrmCadenceSync.Simulation.Engine.Scenarios;

namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>
/// Runs a scenario hour by simulated hour: the hour's events go into the CRMs, the admin API or the worker's process;
/// a cycle runs (five minutes past the hour) whenever anything changed, a step is due, or six hours passed without one;
/// every hour ends with every invariant checked against what is new. A stopped worker runs no cycles: its clock advances.
/// </summary>
public static class SimRunner
{
    private static readonly TimeSpan CyclePastTheHour = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Cycles come at most every this many simulated hours (each cycle commits several SQLite transactions, and their
    /// fsyncs are most of a run's time); the invariants are still checked every hour.
    /// </summary>
    public const int CycleEveryHours = 3;

    /// <param name="includePending">Also check the invariants of features not yet on main.</param>
    /// <param name="stopAtFirstViolation">Stop at the end of the first hour with a violation (CI, shrinking).</param>
    public static async Task<SimResult> RunAsync(SimScenario scenario, bool includePending = false, bool stopAtFirstViolation = true)
    {
        var clock = Stopwatch.StartNew();
        await using var world = await SimWorld.StartAsync(scenario.Start);
        var history = new SimHistory((version, cadence) => world.Running ? world.Rules.CadenceOf(version, cadence) : null, SimWorld.RepDailyTaskCap);
        var observer = new SimObserver(world, history);
        var crm = new SimCrm(world, history);
        var admin = new SimAdmin(world, history, crm);
        crm.ReadOwners();
        IReadOnlyList<ISimInvariant> invariants = [.. InvariantSet.Shipped(observer.IsOpen), .. includePending ? InvariantSet.Pending() : []];
        var violations = new List<string>();
        var events = scenario.Events.ToLookup(e => e.Hour);
        var downUntil = -1;
        var dirty = WorldChanges.All;
        var lastCycleHour = -1;
        var cycleTime = TimeSpan.Zero;
        var observeTime = TimeSpan.Zero;
        var eventTime = TimeSpan.Zero;
        for (var hour = 0; hour < scenario.Hours; hour++)
        {
            var top = scenario.Start.AddHours(hour);
            if (world.Time.GetUtcNow() < top)
            {
                world.Time.SetUtcNow(top);
            }

            if (!world.Running && hour >= downUntil)
            {
                await world.StartWorkerAsync();
                await crm.DeliverMissedWebhooksAsync();
                dirty = WorldChanges.All;
            }

            var eventsStarted = Stopwatch.GetTimestamp();
            foreach (var e in events[hour])
            {
                if (await ApplyAsync(e))
                {
                    dirty |= WorldChanges.Admin;
                }
            }

            dirty |= crm.Changes;
            crm.Changes = WorldChanges.None;

            eventTime += Stopwatch.GetElapsedTime(eventsStarted);

            List<Touch> touches = [];
            var cycled = false;
            var heartbeat = hour - lastCycleHour >= 24;
            var stepsDue = NextDue(history) <= top + CyclePastTheHour;
            heartbeat &= hour % CycleEveryHours == 0;
            if (world.Running && hour % CycleEveryHours == 0 && (dirty != WorldChanges.None || heartbeat || stepsDue))
            {
                world.Time.Advance(CyclePastTheHour);
                var cycleStarted = Stopwatch.GetTimestamp();
                try
                {
                    await world.RunCycleAsync(heartbeat ? WorldChanges.All : dirty, stepsDue);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    history.CycleFailures.Add((world.Time.GetUtcNow(), ex.Message));
                }

                var observeStarted = Stopwatch.GetTimestamp();
                cycleTime += Stopwatch.GetElapsedTime(cycleStarted, observeStarted);
                touches = await observer.ObserveAsync();
                observeTime += Stopwatch.GetElapsedTime(observeStarted);
                cycled = true;
                dirty = WorldChanges.None;
                lastCycleHour = hour;
            }

            var check = new HourCheck(world.Time.GetUtcNow(), touches, cycled);
            var found = new List<string>();
            foreach (var invariant in invariants)
            {
                var before = found.Count;
                invariant.Check(history, check, found);
                for (var i = before; i < found.Count; i++)
                {
                    found[i] = string.Create(CultureInfo.InvariantCulture, $"[{invariant.Name}] hour {hour} ({check.Now:u}): {found[i]}");
                }
            }

            violations.AddRange(found);
            if (found.Count > 0 && stopAtFirstViolation)
            {
                break;
            }
        }

        return new SimResult(violations, history.Cycles.Count, history.Touches.Count, history.Enrollments.Count, admin.Refused.Count, clock.Elapsed)
        {
            CycleTime = cycleTime,
            ObserveTime = observeTime,
            EventTime = eventTime,
        };

        async Task<bool> ApplyAsync(SimEvent e)
        {
            switch (e.Kind)
            {
                case SimEventKind.Downtime:
                    await world.StopWorkerAsync();
                    downUntil = Math.Max(downUntil, e.Hour + e.Arg);
                    return true;
                case SimEventKind.Restart:
                    if (world.Running)
                    {
                        await world.StopWorkerAsync();
                        await world.StartWorkerAsync();
                    }

                    return true;
                case SimEventKind.ActivateRules:
                    return world.Running && await admin.EditRulesAsync(e);
                case SimEventKind.AdminPause or SimEventKind.AdminResume or SimEventKind.AdminExit:
                    return world.Running && await admin.ActAsync(e);
                default:
                    // The CRM's own change flags say which poll it needs.
                    await crm.ApplyAsync(e);
                    return false;
            }
        }
    }

    private static DateTimeOffset NextDue(SimHistory history)
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var e in history.Enrollments.Values)
        {
            if (e.IsOpen && e.State == "Active" && e.NextDueAt is { } due && due < next)
            {
                next = due;
            }
        }

        return next;
    }
}
