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

    /// <summary>
    /// Held enrollments that became active again, with the earliest time the hold can have begun (the cycle before the
    /// one that first showed it): the <c>HeldResume</c> invariant looks for what changed since.
    /// </summary>
    public List<(Guid Enrollment, DateTimeOffset HeldNoEarlierThan, DateTimeOffset ResumedBy)> Resumes { get; } = [];

    /// <summary>When the simulation last changed each contact in its CRM (any field, its owner, a deletion).</summary>
    public Dictionary<(string Connection, string ContactId), DateTimeOffset> LastChange { get; } = [];

    /// <summary>When a rule set was last activated (an edit may fix what held an enrollment).</summary>
    public DateTimeOffset? LastRuleEdit { get; set; }

    /// <summary>Enrollments the admin resumed through the API.</summary>
    public HashSet<Guid> AdminResumed { get; } = [];

    private readonly Dictionary<Guid, DateTimeOffset> heldNoEarlierThan = [];

    /// <summary>Replaces an enrollment's snapshot; tracks how long it has been held and when it resumed.</summary>
    public void Set(EnrollmentFact enrollment, DateTimeOffset now)
    {
        Enrollments[enrollment.Id] = enrollment;
        if (enrollment.IsOpen && enrollment.State == "Held")
        {
            if (HeldSince.TryAdd(enrollment.Id, now))
            {
                heldNoEarlierThan[enrollment.Id] = Cycles.Count > 1 ? Cycles[^2] : DateTimeOffset.MinValue;
            }
        }
        else
        {
            if (HeldSince.Remove(enrollment.Id) && enrollment.IsOpen && enrollment.State == "Active")
            {
                Resumes.Add((enrollment.Id, heldNoEarlierThan[enrollment.Id], now));
            }

            heldNoEarlierThan.Remove(enrollment.Id);
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
