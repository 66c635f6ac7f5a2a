namespace CrmCadenceSync.Mocks.Salesforce;

/// <summary>How the sandbox org is seeded and which credentials it accepts.</summary>
public sealed record SalesforceSandboxOptions
{
    /// <summary>A fixed loopback port for a runnable sandbox; null picks a free one.</summary>
    public int? Port { get; init; }

    public int Seed { get; init; } = 42;

    public int Leads { get; init; } = 60;

    public int Contacts { get; init; } = 40;

    /// <summary>Seeded records were last modified before this instant, several sharing each timestamp.</summary>
    public DateTimeOffset SeededAt { get; init; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public string OrganizationId { get; init; } = "00DSB0000000001EAA";

    public string ClientId { get; init; } = "sandbox-consumer-key";

    public string ClientSecret { get; init; } = "sandbox-consumer-secret";

    /// <summary>The user the JWT bearer flow must name in <c>sub</c>.</summary>
    public string Username { get; init; } = "integration@sandbox.example";

    /// <summary>When set, JWT bearer assertions must be signed with the matching private key (RS256).</summary>
    public string? JwtPublicKeyPem { get; init; }

    /// <summary>The org's rolling 24-hour API allowance; calls past it get 403 REQUEST_LIMIT_EXCEEDED.</summary>
    public int DailyApiLimit { get; init; } = 100_000;

    /// <summary>Records per query batch before <c>nextRecordsUrl</c>; Salesforce's default is 2,000.</summary>
    public int QueryBatchSize { get; init; } = 2000;

    /// <summary>The External ID field on Task that upserts match on.</summary>
    public string SyncKeyField { get; init; } = "CCS_Sync_Key__c";

    /// <summary>Bounds WireMock's request log (oldest entries dropped); null keeps every request, as tests expect.</summary>
    public int? MaxLogEntries { get; init; }

    /// <summary>
    /// Enhanced Email (or Email-to-Case) is on, so the org has EmailMessage and EmailMessageRelation; without it a query
    /// on them gets 400 INVALID_TYPE, as from an org that lacks the objects.
    /// </summary>
    public bool EnhancedEmail { get; init; } = true;

    /// <summary>How long change events stay replayable on the Pub/Sub API (Salesforce: 72 hours).</summary>
    public TimeSpan ChangeEventRetention { get; init; } = TimeSpan.FromHours(72);

    /// <summary>How far back getDeleted can see; Salesforce keeps about 15 days.</summary>
    public TimeSpan DeletedRetention { get; init; } = TimeSpan.FromDays(15);

    /// <summary>
    /// Fields this org has not created, as <c>Object.Field</c> (<c>Lead.Quiz_Timeline__c</c>) or a bare name for every
    /// object: describe leaves them out and SOQL or writes naming them get INVALID_FIELD, as in an org without them.
    /// </summary>
    public IReadOnlyCollection<string> MissingFields { get; init; } = [];

    /// <summary>
    /// Fields the integration user may read but not edit (field-level security), in the same forms: describe says
    /// <c>createable</c> and <c>updateable</c> false and writes naming them get INVALID_FIELD_FOR_INSERT_UPDATE.
    /// </summary>
    public IReadOnlyCollection<string> ReadOnlyFields { get; init; } = [];
}
