namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record OwnersPage(IReadOnlyList<HubSpotOwner> Results, Paging? Paging = null);
