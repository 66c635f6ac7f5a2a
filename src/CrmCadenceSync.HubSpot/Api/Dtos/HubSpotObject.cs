namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>HubSpot's SimplePublicObject: every CRM record has this shape, property values are strings.</summary>
public sealed record HubSpotObject(
    string Id,
    IReadOnlyDictionary<string, string?> Properties,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? UpdatedAt = null,
    bool Archived = false);
