namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record Paging(NextPage? Next);
