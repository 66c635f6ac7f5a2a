namespace CrmCadenceSync.Salesforce.Configuration;

/// <summary>Which Salesforce field feeds each canonical contact field; every org names its score differently.</summary>
public sealed class SalesforceFieldMapping
{
    public string ScoreField { get; set; } = "Lead_Score__c";

    public string EmailOptOutField { get; set; } = "HasOptedOutOfEmail";

    public string DoNotCallField { get; set; } = "DoNotCall";

    public string EmailBouncedDateField { get; set; } = "EmailBouncedDate";

    /// <summary>Optional contact-level IANA time zone field; without it the owner's time zone applies.</summary>
    public string? TimeZoneField { get; set; }

    public string LeadCountryField { get; set; } = "Country";

    public string ContactCountryField { get; set; } = "MailingCountry";

    /// <summary>Lead field used as the lifecycle stage.</summary>
    public string LeadStageField { get; set; } = "Status";

    public string SegmentField { get; set; } = "CCS_Segment__c";

    public string CadenceField { get; set; } = "CCS_Cadence__c";

    public string CadenceStatusField { get; set; } = "CCS_Cadence_Status__c";

    public string NextTouchField { get; set; } = "CCS_Next_Touch__c";

    public string CadenceStepField { get; set; } = "CCS_Cadence_Step__c";

    /// <summary>
    /// Date/time fields on Lead and Contact that record engagement, for orgs whose email or meeting tool keeps them
    /// (Salesforce has no standard ones). A reply or booked meeting after enrollment ends the cadence; opens and clicks
    /// feed step conditions. Unset fields are not read.
    /// </summary>
    public string? LastRepliedAtField { get; set; }

    public string? LastMeetingBookedAtField { get; set; }

    public string? LastEmailOpenedAtField { get; set; }

    public string? LastEmailClickedAtField { get; set; }

    /// <summary>
    /// The Lead and Contact field holding consent or legal basis (for example <c>Email_Consent__c</c>); set from
    /// <c>Compliance:Consent:SalesforceField</c>. Empty: not read.
    /// </summary>
    public string? ConsentField { get; set; }

    /// <summary>Further fields read into <c>Contact.Properties</c> for merge fields and rule filters.</summary>
    public IList<string> AdditionalFields { get; } = [];
}
