namespace CrmCadenceSync.Worker.Admin.DeadLetters;

/// <summary>A write the CRM refused for good, with its reason, and what an admin did about it.</summary>
public sealed record DeadLetterView(
    long Id,
    string Connection,
    string WriteType,
    string IdempotencyKey,
    string? Contact,
    string Code,
    string Reason,
    DateTimeOffset FailedAt,
    DateTimeOffset? ResolvedAt,
    string? Resolution);
