namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record PrivateAppTokenKey(string TokenKey);
