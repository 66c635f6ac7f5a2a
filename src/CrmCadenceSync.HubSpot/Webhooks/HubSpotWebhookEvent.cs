namespace CrmCadenceSync.HubSpot.Webhooks;

/// <summary>One event of HubSpot's webhook array; the type field is <c>subscriptionType</c> or, in the guide, <c>eventType</c>.</summary>
public sealed record HubSpotWebhookEvent(
    long? EventId = null,
    long? SubscriptionId = null,
    long? PortalId = null,
    long? AppId = null,
    long OccurredAt = 0,
    string? SubscriptionType = null,
    string? EventType = null,
    int AttemptNumber = 0,
    long? ObjectId = null,
    string? PropertyName = null,
    string? PropertyValue = null,
    string? ChangeSource = null,
    long? PrimaryObjectId = null,
    IReadOnlyList<long>? MergedObjectIds = null,
    long? NewObjectId = null)
{
    public string Type => SubscriptionType ?? EventType ?? "";
}
