namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record PropertyGroup(string Name, string Label);
