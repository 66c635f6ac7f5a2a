namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record PropertyOption(string Label, string Value);
