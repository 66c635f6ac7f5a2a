namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record ObjectIdInput(string Id);
