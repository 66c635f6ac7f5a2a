namespace CrmCadenceSync.Storage.Entities;

/// <summary>One admin action through the API: who (the API key's name, or "loopback"), when, and what it changed.</summary>
public sealed class AdminAuditEntity
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    /// <summary>For example <c>enrollment.pause</c>, <c>rules.activate</c>, <c>dead-letter.retry</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What the action was on: an enrollment id, a rule-set version, a dead letter id.</summary>
    public required string Target { get; set; }

    public string? Detail { get; set; }
}
