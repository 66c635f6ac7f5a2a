using CrmCadenceSync.Simulation.Engine.Scenarios;
using CrmCadenceSync.Simulation.Engine.World;

namespace CrmCadenceSync.Simulation.Engine.Shrinking;

/// <summary>
/// Shrinks a failing fixed-seed scenario for a replay test: cuts the run just after the first violation, then drops
/// halves, quarters, ... of the events (delta debugging) while the same invariant still fails. (A failure found by
/// CsCheck's own search, <c>Check.Sample</c>, is shrunk by CsCheck.)
/// </summary>
public static class ScenarioShrinker
{
    public static async Task<SimScenario> ShrinkAsync(SimScenario failing, string invariant, Action<string>? progress = null)
    {
        async Task<int?> FailingHourAsync(SimScenario s)
        {
            var result = await SimRunner.RunAsync(s);
            var first = result.Violations.FirstOrDefault(v => v.StartsWith($"[{invariant}]", StringComparison.Ordinal));
            return first is null ? null : int.Parse(first.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        }

        var current = failing;
        if (await FailingHourAsync(current) is { } hour)
        {
            var days = Math.Min(current.Days, (hour / 24) + 2);
            current = current with { Days = days, Events = [.. current.Events.Where(e => e.Hour < days * 24)] };
        }

        for (var chunk = current.Events.Count / 2; chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start < current.Events.Count;)
            {
                var candidate = current with { Events = [.. current.Events.Take(start), .. current.Events.Skip(start + chunk)] };
                if (await FailingHourAsync(candidate) is not null)
                {
                    current = candidate;
                    progress?.Invoke($"  {current.Events.Count} events still fail {invariant}");
                }
                else
                {
                    start += chunk;
                }
            }
        }

        return current;
    }
}
