namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>The built-in properties a fresh portal has for each object type, and their groups.</summary>
internal static class HubSpotPropertyCatalog
{
    public static readonly string[] ObjectTypes = ["contacts", "tasks", "emails", "notes"];

    public static readonly HashSet<string> DateProperties =
        new(["createdate", "lastmodifieddate", "hs_createdate", "hs_lastmodifieddate", "hs_timestamp", "hs_sales_email_last_replied",
            "hs_latest_meeting_activity", "hs_sales_email_last_opened", "hs_sales_email_last_clicked", "ccs_next_touch_at"], StringComparer.Ordinal);

    public static string DefaultGroup(string objectType) => objectType switch
    {
        "contacts" => "contactinformation",
        "tasks" => "task_information",
        "emails" => "email_information",
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
                "hs_object_id",
            },
            "tasks" => ["hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_priority", "hs_task_type",
                "hs_task_reminders", "hubspot_owner_id", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"],
            "emails" => ["hs_timestamp", "hubspot_owner_id", "hs_email_direction", "hs_email_status", "hs_email_subject", "hs_email_text",
                "hs_email_html", "hs_email_headers", "hs_attachment_ids", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"],
            _ => ["hs_timestamp", "hs_note_body", "hubspot_owner_id", "hs_attachment_ids", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"],
        };
        return names.Select(n => DateProperties.Contains(n)
            ? new HubSpotPropertyRecord(n, n, "datetime", "date", group)
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
