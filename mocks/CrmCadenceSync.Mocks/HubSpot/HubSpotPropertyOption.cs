namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>One option of an enumeration property: what users see, and the internal value the API returns.</summary>
public sealed record HubSpotPropertyOption(string Label, string Value);
