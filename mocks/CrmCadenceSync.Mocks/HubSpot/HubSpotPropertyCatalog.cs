namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>The built-in properties a fresh portal has for each object type, and their groups.</summary>
internal static class HubSpotPropertyCatalog
{
    public static readonly string[] ObjectTypes = ["contacts", "tasks", "emails", "notes", "calls"];

    /// <summary>
    /// The call outcomes (hs_call_disposition options) of the sandbox portal: HubSpot's default outcomes with their
    /// fixed GUIDs, and one an admin added, as a real portal's custom outcome would be.
    /// </summary>
    public static readonly IReadOnlyList<HubSpotPropertyOption> CallDispositions =
    [
        new("Busy", "9d9162e7-6cf3-4944-bf63-4dff82258764"),
        new("Connected", "f240bbac-87c9-4f6e-bf70-924b57d47db7"),
        new("Left live message", "a4c4c377-d246-4b32-a13b-75a56a4cd0ff"),
        new("Left voicemail", "b2cf5968-551e-4856-9783-52b3da59a7d0"),
        new("No answer", "73a0d17f-1163-4015-bdd5-ec830791da20"),
        new("Wrong number", "17b47fee-58de-441e-a44c-c6300d46f273"),
        new("Not interested", "5e2f3b7c-8a41-4c55-9d1e-0c6a7b2e4f90"),
    ];

    public static readonly HashSet<string> DateProperties =
        new(["createdate", "lastmodifieddate", "hs_createdate", "hs_lastmodifieddate", "hs_timestamp", "hs_sales_email_last_replied",
            "hs_latest_meeting_activity", "hs_sales_email_last_opened", "hs_sales_email_last_clicked", "ccs_next_touch_at", "hs_task_completion_date"], StringComparer.Ordinal);

    public static string DefaultGroup(string objectType) => objectType switch
    {
        "contacts" => "contactinformation",
        "tasks" => "task_information",
        "emails" => "email_information",
        "calls" => "call_information",
        _ => "note_information",
    };

    public static IEnumerable<HubSpotPropertyRecord> Defaults(string objectType)
    {
        var group = DefaultGroup(objectType);
        var names = objectType switch
        {
            "contacts" => new[]
            {
                "email", "firstname", "lastname", "company", "jobtitle", "phone", "country", "city", "hubspot_owner_id", "hs_timezone",
                "hubspotscore", "lifecyclestage", "hs_lead_status", "hs_analytics_source", "hs_email_optout", "hs_email_bounce",
                "hs_email_hard_bounce_reason_enum", "hs_sales_email_last_replied", "hs_latest_meeting_activity",
                "hs_sales_email_last_opened", "hs_sales_email_last_clicked", "hs_merged_object_ids", "createdate", "lastmodifieddate",
                "hs_object_id", "quiz_primary_challenge", "quiz_team_size", "quiz_timeline", "hs_legal_basis",
            },
            "tasks" => ["hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_completion_date", "hs_task_priority", "hs_task_type",
                "hs_task_reminders", "hubspot_owner_id", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"],
            "emails" => ["hs_timestamp", "hubspot_owner_id", "hs_email_direction", "hs_email_status", "hs_email_subject", "hs_email_text",
                "hs_email_html", "hs_email_headers", "hs_attachment_ids", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"],
            "calls" => ["hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_status", "hs_call_direction", "hs_call_disposition",
                "hubspot_owner_id", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"],
            _ => ["hs_timestamp", "hs_note_body", "hubspot_owner_id", "hs_attachment_ids", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"],
        };
        return names.Select(n => DateProperties.Contains(n)
            ? new HubSpotPropertyRecord(n, n, "datetime", "date", group)
            : n == "hs_call_disposition"
                ? new HubSpotPropertyRecord(n, "Call outcome", "enumeration", "select", group, Options: CallDispositions)
                : new HubSpotPropertyRecord(n, n, n == "hubspotscore" ? "number" : "string", "text", group));
    }

    public static int AssociationTypeToContact(string objectType) => objectType switch
    {
        "tasks" => 204,
        "emails" => 198,
        "notes" => 202,
        _ => -1,
    };
}
