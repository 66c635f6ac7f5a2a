namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record SearchSort(string PropertyName, string Direction);
