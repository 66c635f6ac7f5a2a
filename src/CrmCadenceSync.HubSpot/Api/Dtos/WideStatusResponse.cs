namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>The communication preferences answer for an unsubscribe-all: one wide status per business unit.</summary>
public sealed record WideStatusResponse(string? Status = null, IReadOnlyList<WideStatus>? Results = null);
