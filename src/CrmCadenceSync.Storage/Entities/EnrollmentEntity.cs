namespace CrmCadenceSync.Storage.Entities;

public sealed class EnrollmentEntity : IClaimable
{
    public Guid Id { get; set; }

    public required string Connection { get; set; }

    public required string ContactCrmId { get; set; }

    public required string Segment { get; set; }

    public required string CadenceId { get; set; }

    /// <summary>The rule-set version the contact was enrolled under.</summary>
    public int RuleSetVersion { get; set; }

    public required string State { get; set; }

    /// <summary>Kept in step with <see cref="State"/>; a filtered unique index on it allows one open enrollment per contact.</summary>
    public bool IsOpen { get; set; }

    public DateTimeOffset EnrolledAt { get; set; }

    /// <summary>0-based position of the next step in the cadence of <see cref="RuleSetVersion"/>; kept with <see cref="NextStepId"/>.</summary>
    public int NextStepIndex { get; set; }

    /// <summary>The next step by id: a rule-set change moves an enrollment by id, never by position.</summary>
    public string? NextStepId { get; set; }

    /// <summary>When the next step is due; null when none is scheduled (held, paused, ended).</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    /// <summary>When the previous step was written or skipped: the next step's gap counts from it.</summary>
    public DateTimeOffset? PreviousStepAt { get; set; }

    /// <summary>When the last email step went out: step conditions read engagement since then.</summary>
    public DateTimeOffset? LastEmailStepAt { get; set; }

    public string? HoldReason { get; set; }

    /// <summary>When the current hold began; an enrollment held longer than <c>Policies:MaxHeldDays</c> exits.</summary>
    public DateTimeOffset? HeldSince { get; set; }

    public bool PausedByPolicy { get; set; }

    public string? ExitReason { get; set; }

    /// <summary>The reply signal time of the last auto-reply that paused it; replies up to it are handled.</summary>
    public DateTimeOffset? AutoReplyAt { get; set; }

    /// <summary>Until when an auto-reply pauses it: no step is timed before this.</summary>
    public DateTimeOffset? PausedUntil { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>For an enrollment an external trigger made: the event's fields as a JSON object.</summary>
    public string? TriggerFieldsJson { get; set; }

    /// <summary>The instance working on this row (<c>Cluster:InstanceId</c>) while its lease lasts; null when nobody is.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when <see cref="ClaimedBy"/> holds the row; after that any instance may take it over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>
    /// Bumped by every save that changes the row (<see cref="CadenceDbContext"/>) and checked by it: a writer that read an
    /// older version (an exit on a reply racing a due step, an admin action racing a move) fails instead of overwriting.
    /// </summary>
    public int Version { get; set; }
}
