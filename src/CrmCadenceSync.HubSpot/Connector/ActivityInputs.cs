using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Setup;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>Turns a touch into a HubSpot task, logged email or note, associated inline with its contact.</summary>
internal static class ActivityInputs
{
    public static string ObjectType(CrmActivityKind kind) => kind switch
    {
        CrmActivityKind.Task => HubSpotObjectTypes.Tasks,
        CrmActivityKind.LoggedEmail => HubSpotObjectTypes.Emails,
        CrmActivityKind.Note => HubSpotObjectTypes.Notes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activity kind."),
    };

    public static int AssociationTypeId(CrmActivityKind kind) => kind switch
    {
        CrmActivityKind.Task => HubSpotObjectTypes.TaskToContact,
        CrmActivityKind.LoggedEmail => HubSpotObjectTypes.EmailToContact,
        CrmActivityKind.Note => HubSpotObjectTypes.NoteToContact,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activity kind."),
    };

    /// <summary>The idempotency key doubles as the objectWriteTraceId: it is unique within a batch.</summary>
    public static CreateInput Create(CrmActivity activity)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["hs_timestamp"] = activity.DueAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            [HubSpotCustomProperties.SyncKey] = activity.IdempotencyKey,
        };
        if (!string.IsNullOrEmpty(activity.OwnerId))
        {
            properties["hubspot_owner_id"] = activity.OwnerId;
        }

        switch (activity.Kind)
        {
            case CrmActivityKind.Task:
                properties["hs_task_subject"] = activity.Subject ?? $"{activity.Channel} touch";
                properties["hs_task_body"] = activity.Body;
                properties["hs_task_status"] = "NOT_STARTED";
                properties["hs_task_priority"] = Priority(activity.Priority);
                properties["hs_task_type"] = TaskType(activity.Channel);
                break;
            case CrmActivityKind.LoggedEmail:
                properties["hs_email_direction"] = "EMAIL";
                properties["hs_email_status"] = "SENT";
                properties["hs_email_subject"] = activity.Subject;
                properties["hs_email_text"] = activity.Body;
                break;
            case CrmActivityKind.Note:
                properties["hs_note_body"] = activity.Body;
                break;
        }

        AssociationInput association = new(
            new AssociationTarget(activity.ContactCrmId),
            [new AssociationTypeSpec("HUBSPOT_DEFINED", AssociationTypeId(activity.Kind))]);
        return new CreateInput(properties, [association], activity.IdempotencyKey);
    }

    private static string Priority(StepPriority priority) => priority switch
    {
        StepPriority.High => "HIGH",
        StepPriority.Low => "LOW",
        _ => "MEDIUM",
    };

    private static string TaskType(StepChannel channel) => channel switch
    {
        StepChannel.Call => "CALL",
        StepChannel.Email => "EMAIL",
        StepChannel.LinkedIn => "LINKED_IN",
        _ => "TODO",
    };
}
