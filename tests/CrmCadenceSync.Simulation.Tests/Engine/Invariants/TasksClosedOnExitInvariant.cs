using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// Every step's pending task is closed in the CRM once its enrollment exits (HubSpot task status, Salesforce task
/// status): by the end of the first cycle after the exit, none of its tasks is still open in the sandbox.
/// </summary>
/// <param name="isOpen">Reads a task's current status in its sandbox (true while the rep's queue still shows it).</param>
public sealed class TasksClosedOnExitInvariant(Func<Touch, bool> isOpen) : ISimInvariant
{
    private readonly Dictionary<Guid, int> exitsSeen = [];

    public string Name => "TasksClosedOnExit";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        if (!hour.CycleRan)
        {
            return;
        }

        foreach (var e in history.Enrollments.Values.Where(e => e.State == "Exited"))
        {
            if (!exitsSeen.TryGetValue(e.Id, out var cycle))
            {
                exitsSeen[e.Id] = history.Cycles.Count;
                continue;
            }

            if (cycle != history.Cycles.Count - 1)
            {
                continue;
            }

            foreach (var task in history.TouchesOf(e.Id).Where(t => t.IsTask && isOpen(t)))
            {
                violations.Add(SpacingInvariant.Line(task, $"task {task.CrmId} still open after its enrollment exited at {e.EndedAt:u} ({e.ExitReason})"));
            }
        }
    }
}
