namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>A subscriber's opt-out-of-all status on one channel (<c>status</c> UNSUBSCRIBED once opted out).</summary>
public sealed record WideStatus(string? SubscriberIdString = null, string? Channel = null, string? Status = null, string? WideStatusType = null);
