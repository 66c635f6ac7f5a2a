namespace CrmCadenceSync.Simulation.Engine.History;

/// <summary>A step's touch as the sandbox CRM stored it, with the enrollment and step its sync key names.</summary>
/// <param name="IsTask">A task in the rep's queue (counted by the cap), not a note.</param>
/// <param name="WrittenAt">The cycle that wrote it (the simulated clock when the CRM received it).</param>
/// <param name="DueAt">The due time the CRM holds (HubSpot), else the one recorded with the step.</param>
/// <param name="RepDate">The rep-local due date: Salesforce's ActivityDate, else the due time in the zone at write time.</param>
public sealed record Touch(
    string Connection,
    string ContactId,
    string CrmId,
    Guid EnrollmentId,
    string StepId,
    bool IsTask,
    DateTimeOffset WrittenAt,
    DateTimeOffset DueAt,
    DateOnly RepDate,
    string? OwnerId,
    int Cycle);

/// <summary>An enrollment row as read after a cycle.</summary>
public sealed record EnrollmentFact(
    Guid Id,
    string Connection,
    string ContactId,
    string CadenceId,
    int Version,
    string State,
    bool IsOpen,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? EndedAt,
    string? ExitReason,
    string? HoldReason,
    DateTimeOffset? NextDueAt);

/// <summary>A step run (written, skipped, held) as recorded.</summary>
public sealed record StepRunFact(long Id, Guid EnrollmentId, string StepId, string Outcome, string? Reason, string? Key, DateTimeOffset DueAt, DateTimeOffset RecordedAt);

/// <summary>The worker's snapshot of a contact as read after a cycle.</summary>
public sealed record ContactFact(string Connection, string ContactId, string? TimeZone, string? OwnerId, bool EmailOptOut, bool EmailBounced, bool DoNotCall, bool IsDeleted);

/// <summary>What the simulation did to a contact in the CRM, and when: the ground truth the worker must catch up with.</summary>
public sealed class ContactTruth(string connection, string contactId)
{
    public string Connection { get; } = connection;

    public string ContactId { get; } = contactId;

    public DateTimeOffset? OptedOutAt { get; set; }

    public DateTimeOffset? BouncedAt { get; set; }

    public DateTimeOffset? DoNotCallAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }

    public DateTimeOffset? MeetingAt { get; set; }
}
