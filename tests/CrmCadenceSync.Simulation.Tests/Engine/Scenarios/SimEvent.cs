using System.Globalization;

namespace CrmCadenceSync.Simulation.Engine.Scenarios;

/// <summary>One scenario event: at <paramref name="Hour"/> (simulated hours from the start) to contact <paramref name="Contact"/>.</summary>
public sealed record SimEvent(int Hour, SimEventKind Kind, int Contact, int Arg)
{
    /// <summary>The event as C#, for a replay test.</summary>
    public string ToCode() => string.Create(CultureInfo.InvariantCulture, $"new({Hour}, SimEventKind.{Kind}, {Contact}, {Arg})");
}
