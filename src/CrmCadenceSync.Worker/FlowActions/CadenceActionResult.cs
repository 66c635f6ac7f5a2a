namespace CrmCadenceSync.Worker.FlowActions;

/// <summary>What a contact's pause, resume or exit did: the enrollment it acted on, as it is now.</summary>
public sealed record CadenceActionResult(
    Guid EnrollmentId, string Connection, string ContactId, string Cadence, string State, DateTimeOffset? NextTouchAt = null, string? ExitReason = null);
