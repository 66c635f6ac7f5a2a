using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Simulation.Engine.History;

/// <summary>
/// Everything observed so far, indexed as it arrives (each cycle adds only what is new), so the invariants look at
/// what changed rather than re-reading the whole world every simulated hour.
/// </summary>
public sealed class SimHistory(Func<int, string, Cadence?> cadenceOf, int repDailyTaskCap)
{
    public Func<int, string, Cadence?> CadenceOf { get; } = cadenceOf;

    public int RepDailyTaskCap { get; } = repDailyTaskCap;

    public List<Touch> Touches { get; } = [];

    public Dictionary<Guid, List<Touch>> TouchesByEnrollment { get; } = [];

    public Dictionary<Guid, List<StepRunFact>> RunsByEnrollment { get; } = [];

    public Dictionary<string, StepRunFact> RunsByKey { get; } = new(StringComparer.Ordinal);

    public Dictionary<Guid, EnrollmentFact> Enrollments { get; } = [];

    /// <summary>When each enrollment was first seen held, while it still is.</summary>
    public Dictionary<Guid, DateTimeOffset> HeldSince { get; } = [];

    public Dictionary<(string Connection, string ContactId), ContactFact> Contacts { get; } = [];

    public Dictionary<(string Connection, string ContactId), ContactTruth> Truth { get; } = [];

    /// <summary>
    /// Every zone id each contact was timed in so far (its own, else its owner's), as first seen after a cycle: a step
    /// planned before a move keeps the plan it got, so spacing accepts a bound met in any of them.
    /// </summary>
    public Dictionary<(string Connection, string ContactId), HashSet<string>> ZonesSeen { get; } = [];

    /// <summary>Each rep's time zone as the CRM holds it (a contact without a zone is timed in its owner's).</summary>
    public Dictionary<(string Connection, string OwnerId), string?> OwnerZones { get; } = [];

    /// <summary>Tasks per rep and rep-local day.</summary>
    public Dictionary<(string Connection, string Owner, DateOnly Day), int> TasksPerRepDay { get; } = [];

    /// <summary>The times cycles ran, in order.</summary>
    public List<DateTimeOffset> Cycles { get; } = [];

    /// <summary>Failures a cycle threw (a failed batch), with the time.</summary>
    public List<(DateTimeOffset At, string Error)> CycleFailures { get; } = [];

    public void Add(Touch touch)
    {
        Touches.Add(touch);
        if (!TouchesByEnrollment.TryGetValue(touch.EnrollmentId, out var list))
        {
            TouchesByEnrollment[touch.EnrollmentId] = list = [];
        }

        list.Add(touch);
        if (touch.IsTask && touch.OwnerId is { } owner)
        {
            var key = (touch.Connection, owner, touch.RepDate);
            TasksPerRepDay[key] = TasksPerRepDay.GetValueOrDefault(key) + 1;
        }
    }

    public void Add(StepRunFact run)
    {
        if (!RunsByEnrollment.TryGetValue(run.EnrollmentId, out var list))
        {
            RunsByEnrollment[run.EnrollmentId] = list = [];
        }

        list.Add(run);
        if (run.Key is { } key)
        {
            RunsByKey[key] = run;
        }
    }

    /// <summary>Replaces an enrollment's snapshot; tracks how long it has been held.</summary>
    public void Set(EnrollmentFact enrollment, DateTimeOffset now)
    {
        Enrollments[enrollment.Id] = enrollment;
        if (enrollment.IsOpen && enrollment.State == "Held")
        {
            HeldSince.TryAdd(enrollment.Id, now);
        }
        else
        {
            HeldSince.Remove(enrollment.Id);
        }
    }

    public ContactTruth TruthOf(string connection, string contactId)
    {
        if (!Truth.TryGetValue((connection, contactId), out var truth))
        {
            Truth[(connection, contactId)] = truth = new ContactTruth(connection, contactId);
        }

        return truth;
    }

    /// <summary>The step runs of an enrollment (empty when none).</summary>
    public IReadOnlyList<StepRunFact> RunsOf(Guid enrollment) => RunsByEnrollment.TryGetValue(enrollment, out var runs) ? runs : [];

    public IReadOnlyList<Touch> TouchesOf(Guid enrollment) => TouchesByEnrollment.TryGetValue(enrollment, out var touches) ? touches : [];
}
