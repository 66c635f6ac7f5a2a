namespace CrmCadenceSync.HubSpot.Options;

/// <summary>One HubSpot connection, bound from <c>Connections:{name}</c>.</summary>
public sealed class HubSpotConnectionOptions
{
    public const string SectionName = "Connections";

    public const string KindName = "HubSpot";

    public string Kind { get; set; } = KindName;

    public bool Enabled { get; set; } = true;

    public Uri BaseUrl { get; set; } = new("https://api.hubapi.com");

    /// <summary>Date-based API version; the <c>/crm/v3</c> paths stop being supported in 2027.</summary>
    public string ApiVersion { get; set; } = "2026-03";

    /// <summary>A private app token or service key; leave empty to use OAuth.</summary>
    public string? AccessToken { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? RefreshToken { get; set; }

    /// <summary>The app's client secret, which signs webhooks (v3).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The public scheme and host HubSpot calls, when a proxy stands in front; signatures cover the public URI.</summary>
    public Uri? PublicBaseUrl { get; set; }

    public int RequestsPer10Seconds { get; set; } = 100;

    public int SearchRequestsPerSecond { get; set; } = 5;

    /// <summary>0 means: trust the X-HubSpot-RateLimit-Daily headers alone.</summary>
    public int DailyRequestLimit { get; set; }

    /// <summary>The portal's time zone, since HubSpot resets the daily limit at the portal's midnight.</summary>
    public string PortalTimeZone { get; set; } = "UTC";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far behind now the sync cursor stays, so records that show up late in search are still read.</summary>
    public TimeSpan SyncOverlap { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>
    /// How long a created record may take to show up in search. A record whose earlier send is younger than this and
    /// is not found waits instead of being created again (on a portal where the sync key is not unique, search is the
    /// only look-up).
    /// </summary>
    public TimeSpan SearchIndexLag { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Cap on a server's Retry-After (477 may ask for hours); the circuit breaker covers longer outages.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>HubSpot accepts at most 100 inputs per batch call.</summary>
    public int MaxBatchSize { get; set; } = 100;

    public HubSpotFieldMapping FieldMapping { get; set; } = new();

    /// <summary>
    /// Records an unsubscribe through the communication preferences API (unsubscribe from all email; needs the
    /// subscriptions-status-write scope). When false, or when HubSpot refuses that API (403), the opt-out property
    /// (<c>FieldMapping:EmailOptOut</c>) is set instead.
    /// </summary>
    public bool UseCommunicationPreferences { get; set; } = true;

    public bool UsesOAuth => string.IsNullOrWhiteSpace(AccessToken);
}
