using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>The rep cap holds per rep-local day: no rep has more than the cap of tasks due on one day.</summary>
public sealed class RepCapInvariant : ISimInvariant
{
    public string Name => "RepCap";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        foreach (var touch in hour.NewTouches.Where(t => t.IsTask && t.OwnerId is not null).DistinctBy(t => (t.Connection, t.OwnerId, t.RepDate)))
        {
            var count = history.TasksPerRepDay[(touch.Connection, touch.OwnerId!, touch.RepDate)];
            if (count > history.RepDailyTaskCap)
            {
                violations.Add($"{touch.Connection} rep {touch.OwnerId} has {count} tasks due on {touch.RepDate:yyyy-MM-dd}, over the cap of {history.RepDailyTaskCap}");
            }
        }
    }
}
