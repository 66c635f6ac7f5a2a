namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>What the app card shows for a contact: its latest enrollment (null when none) and that enrollment's step history.</summary>
public sealed record CardStatus(string ContactId, CardEnrollment? Enrollment, IReadOnlyList<CardStepRun> History);

/// <summary>An enrollment as the rep reads it; times are in the contact's zone (<see cref="TimeZone"/>); <see cref="Actions"/> lists the buttons that apply.</summary>
public sealed record CardEnrollment(
    Guid Id,
    string Segment,
    string CadenceId,
    string Cadence,
    string State,
    string Status,
    string? CurrentStep,
    string? NextTouch,
    string TimeZone,
    IReadOnlyList<string> Actions);

public sealed record CardStepRun(int Step, string StepId, string Outcome, string? Reason, string At);
