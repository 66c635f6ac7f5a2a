namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record HubSpotOwner(string Id, string? Email, string? FirstName, string? LastName, bool Archived = false);
