using System.Globalization;
using System.Text;

namespace CrmCadenceSync.Simulation.Engine.Scenarios;

/// <summary>
/// A whole simulated run: how many contacts over how many days, and every event in hour order. The seed is kept for the
/// record; the event list alone replays the run.
/// </summary>
public sealed record SimScenario(ulong Seed, int Contacts, int Days, IReadOnlyList<SimEvent> Events)
{
    public int Hours => Days * 24;

    /// <summary>Even seeds start in spring (across the daylight-saving change), odd ones in winter (across the holidays).</summary>
    public DateTimeOffset Start => Seed % 2 == 0 ? World.SimWorld.Spring : World.SimWorld.Winter;

    /// <summary>The scenario as a focused test body a developer pastes into <c>ReplayTests</c>.</summary>
    public string ToReplay()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"// seed {Seed}: {Contacts} contacts, {Days} days, {Events.Count} events\n");
        text.Append(CultureInfo.InvariantCulture, $"var scenario = new SimScenario({Seed}UL, {Contacts}, {Days}, [\n");
        foreach (var e in Events)
        {
            text.Append("    ").Append(e.ToCode()).Append(",\n");
        }

        text.Append("]);\n");
        return text.ToString();
    }

    public override string ToString() => ToReplay();
}
