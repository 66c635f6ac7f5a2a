namespace CrmCadenceSync.HubSpot.Options;

/// <summary>Which HubSpot contact property feeds each canonical field; every portal names its score differently.</summary>
public sealed class HubSpotFieldMapping
{
    public string Email { get; set; } = "email";

    public string FirstName { get; set; } = "firstname";

    public string LastName { get; set; } = "lastname";

    public string Company { get; set; } = "company";

    public string Title { get; set; } = "jobtitle";

    public string OwnerId { get; set; } = "hubspot_owner_id";

    public string TimeZone { get; set; } = "hs_timezone";

    public string LeadScore { get; set; } = "hubspotscore";

    public string LifecycleStage { get; set; } = "lifecyclestage";

    public string LeadSource { get; set; } = "hs_analytics_source";

    public string Country { get; set; } = "country";

    public string EmailOptOut { get; set; } = "hs_email_optout";

    /// <summary>HubSpot has no standard do-not-call property: name the portal's own; empty means nobody is flagged.</summary>
    public string DoNotCall { get; set; } = "";

    /// <summary>A contact counts as bounced when this property holds any value other than empty, "false" or "0".</summary>
    public string EmailBounced { get; set; } = "hs_email_hard_bounce_reason_enum";

    public string LastRepliedAt { get; set; } = "hs_sales_email_last_replied";

    public string LastMeetingBookedAt { get; set; } = "hs_latest_meeting_activity";

    public string LastEmailOpenedAt { get; set; } = "hs_sales_email_last_opened";

    public string LastEmailClickedAt { get; set; } = "hs_sales_email_last_clicked";

    /// <summary>
    /// The property holding the contact's consent or legal basis (for example <c>hs_legal_basis</c>); set from
    /// <c>Compliance:Consent:HubSpotProperty</c>. Empty: not read.
    /// </summary>
    public string? Consent { get; set; }

    /// <summary>Extra properties to fetch for merge fields and rule filters.</summary>
    public IList<string> ExtraProperties { get; } = [];

    public IReadOnlyList<string> AllProperties() =>
    [
        .. new[]
        {
            Email, FirstName, LastName, Company, Title, OwnerId, TimeZone, LeadScore, LifecycleStage, LeadSource, Country,
            EmailOptOut, DoNotCall, EmailBounced, LastRepliedAt, LastMeetingBookedAt, LastEmailOpenedAt, LastEmailClickedAt,
            "lastmodifieddate", "createdate", "hs_merged_object_ids",
        }.Concat(ExtraProperties).Append(Consent ?? "").Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal),
    ];
}
