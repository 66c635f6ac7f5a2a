namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>The scopes a token was granted, from either token-info endpoint (private app or OAuth).</summary>
public sealed record HubSpotTokenInfo(IReadOnlyList<string>? Scopes);
