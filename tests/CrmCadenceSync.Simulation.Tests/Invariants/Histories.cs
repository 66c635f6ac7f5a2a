using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Simulation.Engine.History;
using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

/// <summary>
/// Hand-made histories for the invariants' self-tests: one New York contact in a three-step cadence (an email on day 0,
/// a call on day 2, an email one day later at 10:00), rep cap 2.
/// </summary>
internal sealed class Histories
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static readonly Cadence Cadence = new()
    {
        Id = "c",
        Name = "Test cadence",
        TimeZone = NewYork,
        Calendar = BusinessCalendar.Weekdays,
        Steps =
        [
            new() { Id = "email-1", Number = 1, Channel = StepChannel.Email, Kind = StepKind.ManualEmail, DayOffset = 0, Variants = [] },
            new() { Id = "call-2", Number = 2, Channel = StepChannel.Call, Kind = StepKind.Task, DayOffset = 2, Variants = [] },
            new()
            {
                Id = "email-3", Number = 3, Channel = StepChannel.Email, Kind = StepKind.ManualEmail,
                DelayAfterPrevious = TimeSpan.FromDays(1), TimeOfDay = new TimeOnly(10, 0), Variants = [],
            },
        ],
    };

    public Histories()
    {
        History = new SimHistory((version, id) => version == 1 && id == "c" ? Cadence : null, repDailyTaskCap: 2);
        History.Contacts[("hubspot", "1")] = new ContactFact("hubspot", "1", "America/New_York", "7", false, false, false, false);
        History.TruthOf("hubspot", "1");
    }

    public Guid EnrollmentId { get; } = Guid.NewGuid();

    public SimHistory History { get; }

    /// <summary>Monday 23 November 2026 at the given New York time.</summary>
    public static DateTimeOffset Monday(int hour, int minute = 0) => At(23, hour, minute);

    /// <summary>A day of November 2026 at the given New York time.</summary>
    public static DateTimeOffset At(int day, int hour, int minute = 0) => ZonedTime.ToInstant(new DateTime(2026, 11, day, hour, minute, 0), NewYork);

    public EnrollmentFact Enrolled(DateTimeOffset at, string state = "Active", DateTimeOffset? endedAt = null, string? exitReason = null, Guid? id = null)
    {
        var fact = new EnrollmentFact(id ?? EnrollmentId, "hubspot", "1", "c", 1, state, endedAt is null, at, endedAt, exitReason, null, null);
        History.Set(fact, at);
        return fact;
    }

    /// <summary>The CRM received step <paramref name="stepId"/> at <paramref name="writtenAt"/>, due then unless said.</summary>
    public Touch Write(string stepId, DateTimeOffset writtenAt, DateTimeOffset? dueAt = null, bool isTask = true, Guid? enrollment = null)
    {
        var due = dueAt ?? writtenAt;
        var touch = new Touch("hubspot", "1", $"{History.Touches.Count + 1}", enrollment ?? EnrollmentId, stepId, isTask, writtenAt, due,
            DateOnly.FromDateTime(ZonedTime.ToLocal(due, NewYork)), "7", History.Touches.Count + 1);
        History.Add(touch);
        return touch;
    }

    public List<string> Check(ISimInvariant invariant, DateTimeOffset now, params Touch[] touches)
    {
        var violations = new List<string>();
        invariant.Check(History, new HourCheck(now, touches, CycleRan: true), violations);
        return violations;
    }
}
