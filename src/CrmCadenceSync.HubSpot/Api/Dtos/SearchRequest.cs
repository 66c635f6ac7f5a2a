namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <param name="After">An integer offset as a string; HubSpot refuses offsets past 10,000.</param>
public sealed record SearchRequest(
    IReadOnlyList<SearchFilterGroup> FilterGroups,
    IReadOnlyList<SearchSort> Sorts,
    IReadOnlyList<string> Properties,
    int Limit,
    string? After = null);
