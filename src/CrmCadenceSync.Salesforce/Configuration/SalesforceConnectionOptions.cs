namespace CrmCadenceSync.Salesforce.Configuration;

/// <summary>One Salesforce org, bound from <c>Connections:{name}</c>.</summary>
public sealed class SalesforceConnectionOptions
{
    public const string SectionName = "Connections";

    public const string KindName = "Salesforce";

    public string Kind { get; set; } = KindName;

    public bool Enabled { get; set; } = true;

    /// <summary>Where tokens are requested; also the JWT audience.</summary>
    public Uri LoginUrl { get; set; } = new("https://login.salesforce.com");

    /// <summary>Optional: the REST base before the first token arrives; the token's <c>instance_url</c> wins after that.</summary>
    public Uri? InstanceUrl { get; set; }

    public string ApiVersion { get; set; } = "v62.0";

    /// <summary>The connected app's consumer key (client credentials and JWT bearer).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Client credentials flow only.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>JWT bearer flow: the user the token is issued for.</summary>
    public string Username { get; set; } = "";

    /// <summary>JWT bearer flow: the PEM private key whose certificate is uploaded to the connected app. When set, JWT bearer is used.</summary>
    public string PrivateKeyPem { get; set; } = "";

    /// <summary>Checked on every Outbound Message (15- or 18-character id).</summary>
    public string OrganizationId { get; set; } = "";

    /// <summary>Our share of the org's rolling 24-hour API allowance; null means the org's whole allowance.</summary>
    public int? DailyRequestLimit { get; set; }

    /// <summary>Part of the allowance left untouched for the org's other integrations; work parks when only this much is left.</summary>
    public int BudgetReservePercent { get; set; } = 5;

    /// <summary>How long work parks once the budget is spent, before usage is checked again.</summary>
    public TimeSpan ParkDuration { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Records modified this close to now are read again next time, so a transaction that commits late is not skipped.</summary>
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Records per object and page of incremental sync (SOQL LIMIT); Salesforce may split it into several batches.</summary>
    public int PageSize { get; set; } = 2000;

    /// <summary>Text(255) External ID + Unique field on Activity that holds our idempotency key.</summary>
    public string SyncKeyField { get; set; } = "CCS_Sync_Key__c";

    /// <summary>Per-attempt timeout of a REST call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a call answered 408, 429 or 5xx, or lost; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>Cap on a server's Retry-After; the circuit breaker covers longer outages.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Replies and meetings from the org's activity records: incoming EmailMessages (Enhanced Email), email Tasks an
    /// email integration logged, and Events on the Lead or Contact. The FieldMapping reply and meeting fields, when
    /// set and holding a value, win over these.
    /// </summary>
    public bool EngagementFromActivities { get; set; } = true;

    /// <summary>When an email Task logged by an email integration counts as a reply; see <see cref="SalesforceEmailTaskReplies"/>.</summary>
    public SalesforceEmailTaskReplies EmailTaskReplies { get; set; } = SalesforceEmailTaskReplies.WithoutEnhancedEmail;

    /// <summary>How far back activity records are read for a contact's latest reply and meeting; longer than any cadence.</summary>
    public TimeSpan EngagementLookback { get; set; } = TimeSpan.FromDays(120);

    public SalesforceFieldMapping FieldMapping { get; set; } = new();

    /// <summary>Change Data Capture over the Pub/Sub API (<c>Connections:{name}:ChangeDataCapture</c>); off unless enabled.</summary>
    public ChangeEvents.ChangeDataCaptureOptions ChangeDataCapture { get; set; } = new();
}
