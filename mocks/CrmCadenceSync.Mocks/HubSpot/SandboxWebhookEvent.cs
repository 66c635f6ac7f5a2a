namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>One event in HubSpot's webhook array, as HubSpot sends it.</summary>
public sealed record SandboxWebhookEvent(
    long EventId,
    long SubscriptionId,
    long PortalId,
    long AppId,
    long OccurredAt,
    string SubscriptionType,
    long ObjectId,
    int AttemptNumber = 0,
    string ChangeSource = "CRM",
    string? PropertyName = null,
    string? PropertyValue = null,
    string? ChangeFlag = null,
    long? PrimaryObjectId = null,
    IReadOnlyList<long>? MergedObjectIds = null);
