namespace CrmCadenceSync.Worker.Admin.Preview;

/// <summary>What a candidate rule set would do over the stored contacts, next to the active one. Nothing is written.</summary>
public sealed record RuleSetPreview(
    int ActiveVersion,
    int Contacts,
    IReadOnlyList<SegmentCount> Segments,
    SegmentMoves Moves,
    EnrollmentForecast Enrollments,
    OpenEnrollmentChoices OpenEnrollments,
    PilotView? Pilot,
    TaskForecast Forecast);

/// <summary>Contacts in a segment under the active rule set and under the candidate ("(none)" when no segment takes them).</summary>
public sealed record SegmentCount(string Segment, string? Cadence, int Active, int Candidate);

/// <summary>Contacts whose segment the candidate would change, in total and by (from, to).</summary>
public sealed record SegmentMoves(int Total, IReadOnlyList<SegmentTransition> Transitions);

public sealed record SegmentTransition(string From, string To, int Contacts);

/// <param name="WouldEnroll">Contacts not in a cadence that the candidate would enroll within the forecast (after pilot limits).</param>
/// <param name="HeldBackByPilot">Contacts that would enroll but the pilot keeps out: outside its percentage, or beyond its daily limit within the forecast.</param>
/// <param name="WouldMove">Open enrollments the candidate would move to another segment's cadence.</param>
/// <param name="KeepSchedule">Open enrollments that carry on with their schedule.</param>
public sealed record EnrollmentForecast(int WouldEnroll, int HeldBackByPilot, int WouldMove, int KeepSchedule);

/// <summary>What each activation choice does to the open enrollments (<c>openEnrollments</c> on activate).</summary>
/// <param name="Open">Open enrollments: with <c>Stay</c> every one finishes on the version it started on.</param>
/// <param name="Move">With <c>Move</c>: enrollments that go to the candidate version at their next step by id.</param>
/// <param name="MoveChangesSteps">Of those, enrollments whose cadence's step list the candidate changes (steps added, removed or reordered; an edited step's new content applies by id).</param>
/// <param name="MoveRemovesNextStep">Of those, enrollments whose next step the candidate removes: recorded as skipped, the following step takes its place.</param>
/// <param name="CadenceDropped">Enrollments whose cadence the candidate drops: they stay on their version whatever the choice.</param>
public sealed record OpenEnrollmentChoices(int Open, int Move, int MoveChangesSteps, int MoveRemovesNextStep, int CadenceDropped);

public sealed record PilotView(int? MaxEnrollmentsPerDay, int? Percentage);

/// <summary>Rep tasks per rep-local business day for the next <see cref="RuleSetPreviewer.ForecastBusinessDays"/> business days.</summary>
public sealed record TaskForecast(IReadOnlyList<DateOnly> Days, int DailyCap, IReadOnlyList<RepForecast> Reps, IReadOnlyList<int> Totals);

/// <param name="Tasks">Tasks due each day before the cap.</param>
/// <param name="Planned">Tasks each day once the cap moves the overflow to later days.</param>
/// <param name="OverCapDays">Days on which the rep's tasks exceed the daily cap.</param>
public sealed record RepForecast(string Rep, string Name, string Connection, IReadOnlyList<int> Tasks, IReadOnlyList<int> Planned, IReadOnlyList<DateOnly> OverCapDays)
{
    public bool OverCap => OverCapDays.Count > 0;
}
