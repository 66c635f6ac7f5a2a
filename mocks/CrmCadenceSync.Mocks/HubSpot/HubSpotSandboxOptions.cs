namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>How the sandbox portal is seeded and how strict it is.</summary>
public sealed class HubSpotSandboxOptions
{
    public int Seed { get; set; } = 42;

    public int Contacts { get; set; } = 500;

    public int Owners { get; set; } = 8;

    /// <summary>Whether seeded contacts carry the qualification quiz's answers; false seeds a portal that never ran the quiz.</summary>
    public bool WithQuizAnswers { get; set; } = true;

    public long PortalId { get; set; } = 62515;

    public long AppId { get; set; } = 54321;

    /// <summary>The private app token the sandbox accepts.</summary>
    public string AccessToken { get; set; } = "pat-sandbox-0000";

    public string ClientId { get; set; } = "sandbox-client";

    public string ClientSecret { get; set; } = "sandbox-client-secret";

    public string RefreshToken { get; set; } = "sandbox-refresh-token";

    /// <summary>Signs outgoing webhooks (the app's client secret in HubSpot).</summary>
    public string WebhookSecret { get; set; } = "sandbox-webhook-secret";

    /// <summary>Calls allowed per rolling 10 seconds (search excluded); null means unlimited.</summary>
    public int? RequestsPer10Seconds { get; set; }

    public int SearchRequestsPerSecond { get; set; } = 5;

    /// <summary>Calls allowed per UTC day; null means unlimited.</summary>
    public int? DailyLimit { get; set; }

    /// <summary>
    /// Whether a unique-value property on tasks, emails and notes is enforced (HubSpot documents unique values but not
    /// that they hold on activity objects). When false the property is created but not unique: a duplicate value is
    /// stored, and the property cannot address records (<c>idProperty</c>), so records are found only by search.
    /// </summary>
    public bool EnforceActivityUniqueness { get; set; } = true;

    /// <summary>How long a created or changed record takes to show up in search results.</summary>
    public TimeSpan SearchLag { get; set; } = TimeSpan.Zero;

    /// <summary>How long a "timeout after store" fault holds the answer back (wall clock).</summary>
    public TimeSpan TimeoutHold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds WireMock's request log; the load harness writes hundreds of thousands of records.</summary>
    public int? MaxLogEntries { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>
    /// Properties this portal does not have, as <c>objectType.name</c> or a bare contact property name
    /// (<c>quiz_timeline</c>): the properties API leaves them out and seeded contacts hold no value for them.
    /// </summary>
    public IList<string> MissingProperties { get; } = [];

    /// <summary>
    /// The scopes the access token was granted, as the token-info endpoints report them; the communication preferences
    /// endpoints answer 403 MISSING_SCOPES without theirs.
    /// </summary>
    public IList<string> Scopes { get; } =
    [
        "oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.owners.read",
        "crm.schemas.contacts.read", "crm.schemas.contacts.write", CommunicationPreferencesEndpoints.ReadScope,
        CommunicationPreferencesEndpoints.WriteScope,
    ];
}
