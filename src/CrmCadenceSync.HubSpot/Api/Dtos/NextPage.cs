namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record NextPage(string After, string? Link = null);
