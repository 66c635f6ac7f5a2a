using System.Text.Json;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage.Entities;

namespace CrmCadenceSync.Storage.Mapping;

/// <summary>Between the domain enrollment and its row; the row also keeps scheduling state the domain does not need.</summary>
public static class EnrollmentMapping
{
    public static Enrollment ToEnrollment(this EnrollmentEntity entity) => new()
    {
        Id = entity.Id,
        Connection = entity.Connection,
        ContactCrmId = entity.ContactCrmId,
        Segment = entity.Segment,
        CadenceId = entity.CadenceId,
        EnrolledAt = entity.EnrolledAt,
        State = Enum.Parse<EnrollmentState>(entity.State),
        NextStepIndex = entity.NextStepIndex,
        HoldReason = entity.HoldReason,
        HeldSince = entity.HeldSince,
        PausedByPolicy = entity.PausedByPolicy,
        ExitReason = entity.ExitReason is null ? null : Enum.Parse<ExitReason>(ReasonPart(entity.ExitReason)),
        ExitDetail = DetailPart(entity.ExitReason),
        EndedAt = entity.EndedAt,
        AutoReplyAt = entity.AutoReplyAt,
        PausedUntil = entity.PausedUntil,
        TriggerFields = entity.TriggerFieldsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(entity.TriggerFieldsJson),
    };

    public static EnrollmentEntity ToEntity(this Enrollment enrollment, int ruleSetVersion)
    {
        var entity = new EnrollmentEntity
        {
            Id = enrollment.Id,
            Connection = enrollment.Connection,
            ContactCrmId = enrollment.ContactCrmId,
            Segment = enrollment.Segment,
            CadenceId = enrollment.CadenceId,
            RuleSetVersion = ruleSetVersion,
            State = "",
            EnrolledAt = enrollment.EnrolledAt,
            TriggerFieldsJson = enrollment.TriggerFields is null ? null : JsonSerializer.Serialize(enrollment.TriggerFields),
        };
        enrollment.CopyTo(entity);
        return entity;
    }

    /// <summary>Writes the domain state onto a tracked row, keeping <see cref="EnrollmentEntity.IsOpen"/> in step.</summary>
    public static void CopyTo(this Enrollment enrollment, EnrollmentEntity entity)
    {
        entity.State = enrollment.State.ToString();
        entity.IsOpen = enrollment.IsOpen;
        entity.NextStepIndex = enrollment.NextStepIndex;
        entity.HoldReason = enrollment.HoldReason;
        entity.HeldSince = enrollment.HeldSince;
        entity.PausedByPolicy = enrollment.PausedByPolicy;
        entity.ExitReason = enrollment.ExitDescription;
        entity.EndedAt = enrollment.EndedAt;
        entity.AutoReplyAt = enrollment.AutoReplyAt;
        entity.PausedUntil = enrollment.PausedUntil;
        if (!enrollment.IsOpen || enrollment.State != EnrollmentState.Active)
        {
            entity.NextDueAt = null;
        }
    }

    /// <summary>The stored exit is the reason, then any detail after the first colon (<c>CallOutcome:not interested</c>).</summary>
    private static string ReasonPart(string stored) => stored.Split(':', 2)[0];

    private static string? DetailPart(string? stored) => stored?.Split(':', 2) is [_, var detail] ? detail : null;
}
