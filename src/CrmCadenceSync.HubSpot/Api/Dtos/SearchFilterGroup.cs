namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>Filters in a group are ANDed; groups are ORed.</summary>
public sealed record SearchFilterGroup(IReadOnlyList<SearchFilter> Filters);
