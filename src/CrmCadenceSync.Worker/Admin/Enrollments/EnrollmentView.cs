namespace CrmCadenceSync.Worker.Admin.Enrollments;

/// <summary>One enrollment as the admin sees it.</summary>
public sealed record EnrollmentView(
    Guid Id,
    string Connection,
    string Contact,
    string? ContactName,
    string? ContactEmail,
    string Segment,
    string Cadence,
    string State,
    int NextStepNumber,
    string? NextStep,
    DateTimeOffset? NextDueAt,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? EndedAt,
    string? ExitReason,
    string? HoldReason,
    int RuleSetVersion);
