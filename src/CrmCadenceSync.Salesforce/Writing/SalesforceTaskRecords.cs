using System.Globalization;
using System.Text.Json.Nodes;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;

namespace CrmCadenceSync.Salesforce.Writing;

/// <summary>Builds the Task and Lead/Contact records the connector writes.</summary>
internal static class SalesforceTaskRecords
{
    /// <summary>Text(255) in crm-plugins/salesforce/; a hold reason naming several missing fields can run longer.</summary>
    private const int StatusFieldLength = 255;

    /// <summary>Text(120) in crm-plugins/salesforce/.</summary>
    private const int StepFieldLength = 120;

    public static JsonObject Task(CrmActivity activity, string syncKeyField)
    {
        var record = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = SalesforceObjects.Task },
            [syncKeyField] = activity.IdempotencyKey,
            ["WhoId"] = activity.ContactCrmId,
            ["Subject"] = activity.Subject ?? DefaultSubject(activity),
            ["Description"] = activity.Body,
            // ActivityDate has no time: it is the due day as the owning rep sees it.
            ["ActivityDate"] = activity.RepLocalDueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Status"] = activity.Kind == CrmActivityKind.Task ? "Not Started" : "Completed",
            ["Priority"] = activity.Priority switch
            {
                StepPriority.High => "High",
                StepPriority.Low => "Low",
                _ => "Normal",
            },
            ["TaskSubtype"] = Subtype(activity),
        };
        if (activity.OwnerId is { Length: > 0 } owner)
        {
            record["OwnerId"] = owner;
        }

        return record;
    }

    /// <summary>A task update by record id to the closed Status Completed (the default closed value of the Task Status picklist).</summary>
    public static JsonObject Closed(TaskClosure closure) => new()
    {
        ["attributes"] = new JsonObject { ["type"] = SalesforceObjects.Task },
        ["Id"] = closure.TaskCrmId,
        ["Status"] = "Completed",
    };

    public static JsonObject Status(ContactStatus status, SalesforceFieldMapping fields) => new()
    {
        ["attributes"] = new JsonObject
        {
            ["type"] = status.ContactRecordType == Core.Contacts.ContactRecordType.Lead ? SalesforceObjects.Lead : SalesforceObjects.Contact,
        },
        ["Id"] = status.ContactCrmId,
        [fields.SegmentField] = status.Segment,
        [fields.CadenceField] = status.Cadence,
        [fields.CadenceStatusField] = Fit(status.CadenceStatus, StatusFieldLength),
        [fields.NextTouchField] = status.NextTouchAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", CultureInfo.InvariantCulture),
        [fields.CadenceStepField] = status.CadenceStep is null ? null : Fit(status.CadenceStep, StepFieldLength),
    };

    public static JsonObject OptedOut(EmailOptOut optOut, SalesforceFieldMapping fields) => new()
    {
        ["attributes"] = new JsonObject
        {
            ["type"] = optOut.ContactRecordType == Core.Contacts.ContactRecordType.Lead ? SalesforceObjects.Lead : SalesforceObjects.Contact,
        },
        ["Id"] = optOut.ContactCrmId,
        [fields.EmailOptOutField] = true,
    };

    /// <summary>Logged emails are completed email Tasks (not EmailMessage, which would create a second Task).</summary>
    private static string Subtype(CrmActivity activity) => activity.Kind switch
    {
        CrmActivityKind.LoggedEmail => "Email",
        CrmActivityKind.Note => "Task",
        _ => activity.Channel switch
        {
            StepChannel.Call => "Call",
            StepChannel.Email => "Email",
            _ => "Task",
        },
    };

    private static string DefaultSubject(CrmActivity activity) => activity.Kind switch
    {
        CrmActivityKind.LoggedEmail => "Email",
        CrmActivityKind.Note => "Note",
        _ => activity.Channel.ToString(),
    };

    /// <summary>
    /// Cuts a status we compose to its field's length, marking the cut: Salesforce refuses the whole record
    /// (STRING_TOO_LONG) rather than store a longer value. An admin's subject is not cut: that refusal reaches the
    /// dead letters with its reason.
    /// </summary>
    private static string Fit(string value, int length) => value.Length <= length ? value : string.Concat(value.AsSpan(0, length - 1), "…");
}
