namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>A list page; <see cref="Paging"/> is absent on the last page.</summary>
public sealed record CollectionResponse(IReadOnlyList<HubSpotObject> Results, Paging? Paging = null);
