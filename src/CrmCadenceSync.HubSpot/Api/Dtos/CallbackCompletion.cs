namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>One blocked workflow action execution to complete, with the output values the workflow reads afterwards.</summary>
public sealed record CallbackCompletion(string CallbackId, IReadOnlyDictionary<string, string> OutputFields);
