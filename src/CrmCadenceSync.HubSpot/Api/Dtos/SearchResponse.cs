namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record SearchResponse(int Total, IReadOnlyList<HubSpotObject> Results, Paging? Paging = null);
